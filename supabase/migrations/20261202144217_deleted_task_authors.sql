-- Task rows tell three cases apart: "added by Bob" (mirrored), "added by a deleted user" (Clerk
-- deleted them: clerk_deletions knows) and "author not synced yet" (neither: the webhook has not
-- landed, or webhooks are off). Until now a user could not read clerk_deletions, so every
-- unmirrored author read as deleted.
--
-- The policy below (from packages/db/src/clerk-mirror.ts) lets a signed-in user see the deletion
-- of the author of a task they can see, and no other: the subquery runs under tasks' RLS.
CREATE POLICY "Users can see that the author of a task they can see was deleted" ON "clerk_deletions" AS PERMISSIVE FOR SELECT TO "authenticated" USING ((select public.requesting_user_id()) is not null and exists (
        select 1 from public.tasks t where t.user_id = "clerk_deletions"."object_id"));--> statement-breakpoint
-- Only the id: when someone was deleted is none of a reader's business.
GRANT SELECT (object_id) ON TABLE public.clerk_deletions TO authenticated;--> statement-breakpoint
-- `select=*,author(display_name),author_deleted`: a PostgREST computed field. It runs as the
-- caller, so clerk_deletions' RLS decides; a row forged through /rpc/author_deleted learns
-- nothing a task in sight would not tell.
CREATE FUNCTION public.author_deleted(public.tasks) RETURNS boolean
LANGUAGE sql STABLE
SET search_path = ''
AS $$ SELECT EXISTS (SELECT 1 FROM public.clerk_deletions d WHERE d.object_id = $1.user_id) $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION public.author_deleted(public.tasks) FROM PUBLIC, anon;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.author_deleted(public.tasks) TO authenticated, service_role;
