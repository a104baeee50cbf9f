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
import { TASK_NAME_MAX_LENGTH } from './limits.ts'

/**
 * The Clerk user id of the caller, from the session token PostgREST verified; null when `sub` is
 * missing or empty. `public.requesting_user_id()` is defined in a migration
 * (supabase/migrations/*_requesting_user_id_and_privileges.sql). Wrapped in `(select …)` it is an
 * initplan: evaluated once per statement, not once per row (see README.md for the measurements).
 * Never use auth.uid() with Clerk: it casts `sub` to uuid and Clerk ids ("user_...") are not uuids.
 */
export const clerkUserId = sql`(select public.requesting_user_id())`

export const tasks = pgTable(
  'tasks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    done: boolean('done').notNull().default(false),
    // Filled from the caller's token; clients may not write it (see the column grants).
    userId: text('user_id').notNull().default(sql`public.requesting_user_id()`),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .defaultNow(),
  },
  (table) => {
    const ownsRow = sql`${clerkUserId} = ${table.userId}`
    return [
      // Every policy filters on user_id: without this index each query scans the table.
      index('tasks_user_id_idx').on(table.userId),
      // The same rules as @repo/tasks' validation, built from the same definitions.
      check('tasks_name_not_blank', sql`${table.name} !~ ${sql.raw(`'${BLANK_SQL_PATTERN}'`)}`),
      check(
        'tasks_name_length',
        sql`char_length(${table.name}) <= ${sql.raw(String(TASK_NAME_MAX_LENGTH))}`,
      ),
      // A row must belong to someone, even when the service role writes it.
      check('tasks_user_id_not_empty', sql`${table.userId} <> ''`),
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
