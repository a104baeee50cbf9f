-- Who added a task, for the pages to show ("added by Bob"): a PostgREST computed relationship,
-- `select=*,author(display_name)`. No foreign key, since a task can exist before the webhook
-- that mirrors its author lands (and stays after they are deleted). It runs as the caller, so
-- profiles' RLS decides: yourself, and the members of your active organization.
CREATE FUNCTION public.author(public.tasks) RETURNS SETOF public.profiles
LANGUAGE sql STABLE
SET search_path = ''
ROWS 1
AS $$ SELECT * FROM public.profiles p WHERE p.id = $1.user_id $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION public.author(public.tasks) FROM PUBLIC, anon;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.author(public.tasks) TO authenticated, service_role;
