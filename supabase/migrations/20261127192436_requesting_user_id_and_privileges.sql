-- The Clerk user id of the caller, or null when the token has no usable `sub`. Policies call it
-- as `(select public.requesting_user_id())`, an initplan evaluated once per statement. An empty
-- `sub` becomes null, so it matches no row and cannot own one. `search_path` is pinned, as
-- Supabase's linter (function_search_path_mutable) asks of every function.
CREATE OR REPLACE FUNCTION public.requesting_user_id() RETURNS text
LANGUAGE sql STABLE
SET search_path = ''
AS $$ SELECT nullif(auth.jwt() ->> 'sub', '') $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION public.requesting_user_id() FROM PUBLIC, anon;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.requesting_user_id() TO authenticated, service_role;--> statement-breakpoint
-- Supabase grants anon and authenticated every privilege on new tables and leaves the rest to
-- RLS. Keep only what a policy uses, so one missing policy cannot become a leak: anon gets
-- nothing, authenticated may write only the columns a user owns (ids and owners come from the
-- database), and nobody but the service role may TRUNCATE, which RLS does not cover.
REVOKE ALL ON TABLE public.tasks FROM anon, authenticated;--> statement-breakpoint
GRANT SELECT, DELETE ON TABLE public.tasks TO authenticated;--> statement-breakpoint
GRANT INSERT (name, done), UPDATE (name, done) ON TABLE public.tasks TO authenticated;--> statement-breakpoint
REVOKE ALL ON SEQUENCE public.tasks_id_seq FROM anon, authenticated;
