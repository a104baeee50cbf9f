-- The caller's active Clerk organization, from the v2 session-token claim `o` (`o.id`, and
-- `o.rol` without the "org:" prefix: "admin", "member"). Null when no organization is active, or
-- the token uses v1 claims (`org_id`, `org_role`): this kit reads v2 only, so a v1 token sees
-- personal rows and nothing of an organization's. Called as `(select …)`, an initplan, like
-- requesting_user_id(); `search_path` pinned for Supabase's linter.
CREATE OR REPLACE FUNCTION public.requesting_org_id() RETURNS text
LANGUAGE sql STABLE
SET search_path = ''
AS $$ SELECT nullif(auth.jwt() -> 'o' ->> 'id', '') $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.requesting_org_role() RETURNS text
LANGUAGE sql STABLE
SET search_path = ''
AS $$ SELECT nullif(auth.jwt() -> 'o' ->> 'rol', '') $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION public.requesting_org_id() FROM PUBLIC, anon;--> statement-breakpoint
REVOKE ALL ON FUNCTION public.requesting_org_role() FROM PUBLIC, anon;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.requesting_org_id() TO authenticated, service_role;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.requesting_org_role() TO authenticated, service_role;
