CREATE TABLE "clerk_deletions" (
	"object_id" text PRIMARY KEY NOT NULL,
	"deleted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clerk_deletions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "clerk_webhook_deliveries" (
	"svix_id" text PRIMARY KEY NOT NULL,
	"event_type" text NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clerk_webhook_deliveries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "organization_memberships" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"clerk_updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organization_memberships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text,
	"image_url" text,
	"clerk_updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organizations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "profiles" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text,
	"display_name" text NOT NULL,
	"image_url" text,
	"clerk_updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "profiles_id_not_empty" CHECK ("profiles"."id" <> '')
);
--> statement-breakpoint
ALTER TABLE "profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "organization_memberships_organization_id_user_id_idx" ON "organization_memberships" USING btree ("organization_id","user_id");--> statement-breakpoint
CREATE INDEX "organization_memberships_user_id_idx" ON "organization_memberships" USING btree ("user_id");--> statement-breakpoint
CREATE POLICY "Members can view their active organization’s members" ON "organization_memberships" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("organization_memberships"."organization_id" = (select public.requesting_org_id()));--> statement-breakpoint
CREATE POLICY "Members can view their active organization" ON "organizations" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("organizations"."id" = (select public.requesting_org_id()));--> statement-breakpoint
CREATE POLICY "Users can view their own and their organization’s profiles" ON "profiles" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("profiles"."id" = (select public.requesting_user_id()) or exists (
        select 1 from public.organization_memberships m
        where m.organization_id = (select public.requesting_org_id()) and m.user_id = "profiles"."id"));