ALTER TABLE "tasks" DROP CONSTRAINT "tasks_name_length";--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "id" SET GENERATED ALWAYS;--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "user_id" SET DEFAULT public.requesting_user_id();--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_name_not_blank" CHECK ("tasks"."name" !~ '^[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u061c\u115f-\u1160\u1680\u17b4-\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]*$');--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_user_id_not_empty" CHECK ("tasks"."user_id" <> '');--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_name_length" CHECK (char_length("tasks"."name") <= 500);--> statement-breakpoint
ALTER POLICY "Users can view their own tasks" ON "tasks" TO authenticated USING ((select public.requesting_user_id()) = "tasks"."user_id");--> statement-breakpoint
ALTER POLICY "Users can insert their own tasks" ON "tasks" TO authenticated WITH CHECK ((select public.requesting_user_id()) = "tasks"."user_id");--> statement-breakpoint
ALTER POLICY "Users can update their own tasks" ON "tasks" TO authenticated USING ((select public.requesting_user_id()) = "tasks"."user_id") WITH CHECK ((select public.requesting_user_id()) = "tasks"."user_id");--> statement-breakpoint
ALTER POLICY "Users can delete their own tasks" ON "tasks" TO authenticated USING ((select public.requesting_user_id()) = "tasks"."user_id");