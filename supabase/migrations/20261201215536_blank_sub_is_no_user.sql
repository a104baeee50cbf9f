-- A `sub` of only whitespace names nobody, like an empty one: the policies then see no user. On
-- hosted there is no local gateway to refuse such a token first (Clerk never sends one; this is
-- defence in depth). The same function, grants unchanged.
CREATE OR REPLACE FUNCTION public.requesting_user_id() RETURNS text
LANGUAGE sql STABLE
SET search_path = ''
AS $$ SELECT nullif(btrim(auth.jwt() ->> 'sub', E' \t\n\r\f\x0B\u00A0'), '') $$;
