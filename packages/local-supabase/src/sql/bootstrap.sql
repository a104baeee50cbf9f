-- What a hosted Supabase project has before its first migration, reduced to what the data API
-- needs, as it is today (late 2026). Runs as the cluster's superuser, supabase_admin, as on
-- hosted; the project's migrations then run as `postgres`, which is not a superuser there.
-- Sources: a hosted project's roles and memberships as `pg_dumpall --roles-only` prints them
-- (2026), supabase/postgres's init scripts and its 20230529180330_alter_api_roles_for_inherit
-- migration, and the changelog entry "New tables in the public schema will no longer be exposed to the Data API
-- automatically" (2026-10-30 for every project). Idempotent: runs on every start.

do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticator') then
    create role authenticator;
  end if;
  if not exists (select from pg_roles where rolname = 'postgres') then
    create role postgres;
  end if;
end
$$;

-- The attributes hosted's roles have, restated on every start so an older local cluster gets
-- them too.
alter role anon with nosuperuser inherit nocreaterole nocreatedb nologin noreplication nobypassrls;
alter role authenticated with nosuperuser inherit nocreaterole nocreatedb nologin noreplication nobypassrls;
alter role service_role with nosuperuser inherit nocreaterole nocreatedb nologin noreplication bypassrls;
alter role authenticator with nosuperuser noinherit nocreaterole nocreatedb login noreplication nobypassrls;
-- The role a project's owner (and `supabase db push`) connects as: it creates and owns the
-- project's objects, may bypass RLS, but cannot do what needs a superuser.
alter role postgres with nosuperuser inherit createrole createdb login replication bypassrls;

-- PostgREST logs in as authenticator and switches to the role the token names. Its password is
-- set after this script, a new random one on every start.
grant anon, authenticated, service_role to authenticator;
alter role authenticator set statement_timeout = '8s';
alter role authenticator set lock_timeout = '8s';
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

grant anon, authenticated, service_role, authenticator to postgres with admin option;
grant pg_read_all_data, pg_signal_backend, pg_monitor to postgres with admin option;
alter role postgres set search_path = "$user", public, extensions;

-- The schemas the data API exposes, where Supabase keeps them: PostgREST reads the role's
-- setting, and Supabase's linter (`supabase db advisors`) reads it in its own session, which is
-- why the database gets it too. Its security lints look only at these schemas.
alter role authenticator set pgrst.db_schemas = 'public';
-- postgres may also make schemas of its own in the project's database, as on hosted.
do $$
begin
  execute format('alter database %I set pgrst.db_schemas = %L', current_database(), 'public');
  execute format('grant all on database %I to postgres', current_database());
end
$$;

create schema if not exists auth;
create schema if not exists extensions;
grant usage on schema auth to anon, authenticated, service_role, postgres;
grant usage on schema extensions to anon, authenticated, service_role, postgres;

-- auth.jwt(), auth.role() and auth.uid() exactly as Supabase defines them: they read the claims
-- PostgREST puts into request.jwt.claims (and the pre-v9 request.jwt.claim.* settings).
create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

-- Casts `sub` to uuid: it raises on Clerk ids ("user_..."). Present for parity; never use it
-- with Clerk. Policies use (select public.requesting_user_id()), from the project's migrations.
create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

grant execute on function auth.jwt(), auth.role(), auth.uid()
  to anon, authenticated, service_role, postgres;

-- The API roles may use the schema, and nothing in it: since 2026-10-30 hosted Supabase grants
-- anon, authenticated and service_role no default privileges on new tables, sequences or
-- functions in public, so each migration grants what each role uses (see packages/db's
-- privilege manifest). The defaults an older local cluster was given are taken back here.
grant usage on schema public to anon, authenticated, service_role;
grant usage, create on schema public to postgres;
alter default privileges for role postgres in schema public
  revoke all on tables from anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  revoke all on sequences from anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  revoke all on routines from anon, authenticated, service_role;

-- The Supabase CLI's migration ledger, so `supabase migration list` reads the same history. It
-- belongs to postgres, which applies the migrations and writes it.
create schema if not exists supabase_migrations authorization postgres;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  statements text[],
  name text
);
alter table supabase_migrations.schema_migrations owner to postgres;
