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
import { TASK_NAME_MAX_LENGTH } from './limits.ts'

/**
 * The Clerk user id of the caller, read from the session token PostgREST verified.
 * `(select auth.jwt())` runs once per statement (an initplan) instead of once per row, and it is
 * the form Supabase's linter accepts (lint auth_rls_initplan). Never use auth.uid() with Clerk:
 * it casts `sub` to uuid and Clerk ids ("user_...") are not uuids.
 */
export const clerkUserId = sql`(select auth.jwt()) ->> 'sub'`

export const tasks = pgTable(
  'tasks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    done: boolean('done').notNull().default(false),
    // Filled from the caller's token, so clients never send (or forge) it.
    userId: text('user_id').notNull().default(sql`(auth.jwt() ->> 'sub')`),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .defaultNow(),
  },
  (table) => {
    const ownsRow = sql`${clerkUserId} = ${table.userId}`
    return [
      // Every policy filters on user_id: without this index each query scans the table.
      index('tasks_user_id_idx').on(table.userId),
      check(
        'tasks_name_length',
        sql`char_length(btrim(${table.name})) between 1 and ${sql.raw(String(TASK_NAME_MAX_LENGTH))}`,
      ),
      pgPolicy('Users can view their own tasks', {
        for: 'select',
        to: authenticatedRole,
        using: ownsRow,
      }),
      pgPolicy('Users can insert their own tasks', {
        for: 'insert',
        to: authenticatedRole,
        withCheck: ownsRow,
      }),
      pgPolicy('Users can update their own tasks', {
        for: 'update',
        to: authenticatedRole,
        using: ownsRow,
        withCheck: ownsRow,
      }),
      pgPolicy('Users can delete their own tasks', {
        for: 'delete',
        to: authenticatedRole,
        using: ownsRow,
      }),
    ]
  },
).enableRLS()

export type TaskRow = typeof tasks.$inferSelect
export type NewTask = typeof tasks.$inferInsert
