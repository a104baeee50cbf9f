-- Every API role's privileges on the kit's objects, stated whole: everything is revoked first,
-- then each role gets exactly what it uses. Hosted Supabase grants new objects in public nothing
-- (since 2026-10-30), but a project whose tables were made before that kept Supabase's old
-- default grants (ALL to anon, authenticated and service_role), and so may `supabase start`:
-- granting without revoking would leave those in place. Grants decide whether a role may touch a
-- table at all, RLS which rows. packages/db/src/privileges.ts lists the same, and a test holds
-- the database to it, with and without the old defaults.
REVOKE ALL ON TABLE public.tasks, public.profiles, public.organizations,
  public.organization_memberships, public.clerk_webhook_deliveries, public.clerk_deletions
  FROM anon, authenticated, service_role;--> statement-breakpoint
-- An identity column's sequence: INSERT on the table is enough, so nobody holds anything on it.
REVOKE ALL ON SEQUENCE public.tasks_id_seq FROM anon, authenticated, service_role;--> statement-breakpoint
-- authenticated (a Clerk session): reads and deletes the tasks RLS lets it, writes only the
-- columns a user owns, and reads the Clerk mirror (RLS: itself and its active organization).
GRANT SELECT, DELETE ON TABLE public.tasks TO authenticated;--> statement-breakpoint
GRANT INSERT (name, done), UPDATE (name, done) ON TABLE public.tasks TO authenticated;--> statement-breakpoint
GRANT SELECT ON TABLE public.profiles, public.organizations, public.organization_memberships
  TO authenticated;--> statement-breakpoint
-- service_role (the secret key: server code only) bypasses RLS but not grants. The webhook
-- sync's functions run as the caller: they upsert and delete the mirror, append to the delivery
-- ledger and the deletions (and look in both), and remove a deleted user's personal tasks. Server
-- jobs read, add and remove tasks (the kit's own: its test and bench seeding). Nothing
-- server-side changes a user's task, so no UPDATE on tasks.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.profiles, public.organizations,
  public.organization_memberships TO service_role;--> statement-breakpoint
GRANT SELECT, INSERT ON TABLE public.clerk_webhook_deliveries, public.clerk_deletions
  TO service_role;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON TABLE public.tasks TO service_role;
-- anon gets nothing. Nobody gets TRUNCATE, REFERENCES, TRIGGER or MAINTAIN, which RLS does not
-- cover. The functions' EXECUTE grants are in the migrations that made them (each revokes
-- PUBLIC's, which Postgres gives every new function).
