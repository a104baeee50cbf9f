import { sql } from 'drizzle-orm'

/**
 * The Clerk user id of the caller, from the session token PostgREST verified; null when `sub` is
 * missing or empty. `public.requesting_user_id()` is defined in a migration
 * (supabase/migrations/*_requesting_user_id_and_privileges.sql). Wrapped in `(select …)` it is an
 * initplan: evaluated once per statement, not once per row (see README.md for the measurements).
 * Never use auth.uid() with Clerk: it casts `sub` to uuid and Clerk ids ("user_...") are not uuids.
 */
export const clerkUserId = sql`(select public.requesting_user_id())`

/**
 * The caller's active Clerk organization (the v2 claim `o.id`) and their role in it (`o.rol`:
 * "admin" or "member"), or null. Defined in supabase/migrations/*_organization_claims.sql, and
 * read as initplans like clerkUserId. v1 claims (`org_id`, `org_role`) are not read.
 */
export const clerkOrgId = sql`(select public.requesting_org_id())`
export const clerkOrgRole = sql`(select public.requesting_org_role())`

/**
 * True only for a token that names a user. Clerk always sends `sub`, but a policy that reads
 * only the organization claim would let a token from the trusted issuer without one (or with
 * `sub: ""`) act for the whole organization: every policy demands a user first.
 */
export const hasClerkUser = sql`${clerkUserId} is not null`
