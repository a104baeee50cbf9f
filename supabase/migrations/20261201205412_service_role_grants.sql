-- Hosted Supabase grants the API roles nothing on new objects in public (since 2026-10-30 for
-- every project), so each role gets here exactly what it uses; grants decide whether a role may
-- touch a table at all, RLS which rows. authenticated's grants are in the migrations that made
-- each table; anon gets nothing. service_role (the secret key: server code only) bypasses RLS
-- but not grants. What it uses:
-- - the webhook sync's functions, which run as the caller: the mirror tables (upserts and
--   deletes), the delivery ledger and the deletions (insert, and the duplicate / deleted
--   checks), and the personal tasks clerk_delete_user removes;
-- - server-side jobs on tasks: reading them (the author relationship reads profiles too),
--   seeding them, and removing them. No UPDATE: nothing server-side changes a user's task.
-- Nobody gets TRUNCATE, REFERENCES or TRIGGER. packages/db/src/privileges.ts lists the same,
-- and a test holds the database to it.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.profiles, public.organizations,
  public.organization_memberships TO service_role;--> statement-breakpoint
GRANT SELECT, INSERT ON TABLE public.clerk_webhook_deliveries, public.clerk_deletions
  TO service_role;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON TABLE public.tasks TO service_role;
