import { sql } from 'drizzle-orm'
import { check, index, pgPolicy, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { authenticatedRole } from 'drizzle-orm/supabase'
import { clerkOrgId, clerkUserId, hasClerkUser } from './clerk-claims.ts'

// Clerk's users and organizations, mirrored from its webhooks so pages can show names, not ids.
// Only the webhook handler writes them, with the service key, through the functions in
// supabase/migrations/*_clerk_sync.sql and *_clerk_sync_serialized.sql (each delivery in one
// transaction, deliveries about one object in turn): no client role holds
// a write privilege, and the policies below only ever let a signed-in user read.

const clerkUpdatedAt = () =>
  // Clerk's own updated_at for the object: an older event never overwrites a newer one.
  timestamp('clerk_updated_at', { withTimezone: true, mode: 'string' }).notNull()

export const organizations = pgTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    slug: text('slug'),
    imageUrl: text('image_url'),
    clerkUpdatedAt: clerkUpdatedAt(),
  },
  (table) => [
    pgPolicy('Members can view their active organization', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${table.id} = ${clerkOrgId} and ${hasClerkUser}`,
    }),
  ],
).enableRLS()

export const organizationMemberships = pgTable(
  'organization_memberships',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').notNull(),
    clerkUpdatedAt: clerkUpdatedAt(),
  },
  (table) => [
    // The profiles policy looks members up by organization; removals look them up by user.
    index('organization_memberships_organization_id_user_id_idx').on(
      table.organizationId,
      table.userId,
    ),
    index('organization_memberships_user_id_idx').on(table.userId),
    pgPolicy('Members can view their active organization’s members', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${table.organizationId} = ${clerkOrgId} and ${hasClerkUser}`,
    }),
  ],
).enableRLS()

export const profiles = pgTable(
  'profiles',
  {
    /** The Clerk user id. */
    id: text('id').primaryKey(),
    email: text('email'),
    /** First and last name, else the email's local part: what the pages show. */
    displayName: text('display_name').notNull(),
    imageUrl: text('image_url'),
    clerkUpdatedAt: clerkUpdatedAt(),
  },
  (table) => [
    check('profiles_id_not_empty', sql`${table.id} <> ''`),
    // Your own profile, and those of the members of your active organization (whose names its
    // tasks show). The membership lookup is an indexed semi-join on two initplan values.
    pgPolicy('Users can view their own and their organization’s profiles', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${table.id} = ${clerkUserId} or (${hasClerkUser} and exists (
        select 1 from public.organization_memberships m
        where m.organization_id = ${clerkOrgId} and m.user_id = ${table.id}))`,
    }),
  ],
).enableRLS()

/**
 * Every webhook delivery applied, by its svix-id, so a redelivery changes nothing; and the
 * objects Clerk deleted, so a late, older update cannot bring them back. Service role only.
 */
export const clerkWebhookDeliveries = pgTable('clerk_webhook_deliveries', {
  svixId: text('svix_id').primaryKey(),
  eventType: text('event_type').notNull(),
  appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}).enableRLS()

export const clerkDeletions = pgTable(
  'clerk_deletions',
  {
    /** A Clerk user, organization or membership id. */
    objectId: text('object_id').primaryKey(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (table) => [
    // So a page can tell "added by a deleted user" from "not synced yet": a signed-in user may
    // learn that the author of a task they can see was deleted, and nothing else (the subquery
    // runs under tasks' own RLS; authenticated may read object_id only, not when). With the
    // mirror off the table is empty, and every unknown author is just "not synced yet".
    pgPolicy('Users can see that the author of a task they can see was deleted', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${hasClerkUser} and exists (
        select 1 from public.tasks t where t.user_id = ${table.objectId})`,
    }),
  ],
).enableRLS()
