import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  index,
  pgPolicy,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core'
import { authenticatedRole } from 'drizzle-orm/supabase'
import { BLANK_SQL_PATTERN } from './blank.ts'
import { clerkOrgId, clerkOrgRole, clerkUserId, hasClerkUser } from './clerk-claims.ts'
import { TASK_NAME_MAX_LENGTH } from './limits.ts'

export const tasks = pgTable(
  'tasks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    done: boolean('done').notNull().default(false),
    // Filled from the caller's token; clients may not write it (see the column grants).
    userId: text('user_id').notNull().default(sql`public.requesting_user_id()`),
    // Null for a personal task; else the organization that was active when it was added, from
    // the token too (clients may not write it either).
    organizationId: text('organization_id').default(sql`public.requesting_org_id()`),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .defaultNow(),
  },
  (table) => {
    const ownsRow = sql`${clerkUserId} = ${table.userId}`
    // A personal task is its owner's alone, while no organization is active (the personal
    // account, as Clerk's switcher calls it); an organization's task is for the members of that
    // organization while it is their active one. So each token sees one workspace's tasks.
    const personal = sql`(${table.organizationId} is null and ${ownsRow} and ${clerkOrgId} is null)`
    const inActiveOrg = sql`(${table.organizationId} = ${clerkOrgId} and ${hasClerkUser})`
    const visible = sql`(${personal} or ${inActiveOrg})`
    return [
      // Every policy filters on (organization_id, user_id): a personal task is found by
      // "organization_id is null and user_id = caller", an organization's by
      // "organization_id = active". One index serves both halves (it replaced the index on
      // user_id alone); without it each query scans the table.
      index('tasks_organization_id_user_id_idx').on(table.organizationId, table.userId),
      // The same rules as @repo/tasks' validation, built from the same definitions.
      check('tasks_name_not_blank', sql`${table.name} !~ ${sql.raw(`'${BLANK_SQL_PATTERN}'`)}`),
      check(
        'tasks_name_length',
        sql`char_length(${table.name}) <= ${sql.raw(String(TASK_NAME_MAX_LENGTH))}`,
      ),
      // A row must belong to someone, even when the service role writes it.
      check('tasks_user_id_not_empty', sql`${table.userId} <> ''`),
      check('tasks_organization_id_not_empty', sql`${table.organizationId} <> ''`),
      pgPolicy('Users can view their own tasks', {
        for: 'select',
        to: authenticatedRole,
        using: visible,
      }),
      // Owned by the adder, stamped with the active organization (or none): the defaults do it,
      // and the check refuses anything else.
      pgPolicy('Users can insert their own tasks', {
        for: 'insert',
        to: authenticatedRole,
        withCheck: sql`${ownsRow} and ${table.organizationId} is not distinct from ${clerkOrgId}`,
      }),
      // Members may change an organization's tasks (toggle done); the column grants keep owner
      // and organization out of reach.
      pgPolicy('Users can update their own tasks', {
        for: 'update',
        to: authenticatedRole,
        using: visible,
        withCheck: visible,
      }),
      // An organization's task goes only by its creator or an organization admin.
      pgPolicy('Users can delete their own tasks', {
        for: 'delete',
        to: authenticatedRole,
        using: sql`${personal} or (${inActiveOrg} and (${ownsRow} or ${clerkOrgRole} = 'admin'))`,
      }),
    ]
  },
).enableRLS()

export { clerkOrgId, clerkOrgRole, clerkUserId, hasClerkUser } from './clerk-claims.ts'
export * from './clerk-mirror.ts'
