export type { Database, Json, Tables, TablesInsert, TablesUpdate } from './database.types.ts'
export { TASK_NAME_MAX_LENGTH } from './limits.ts'
export { clerkUserId, tasks } from './schema.ts'
export { TASK_COLUMNS } from './task-columns.ts'

import type { Tables } from './database.types.ts'

/**
 * A task as the pages list it: its row, and who added it (the `author` computed relationship
 * over the profiles mirror; null until their profile is mirrored, and after they are deleted),
 * and `author_deleted`, true once Clerk deleted them (the `author_deleted` computed field over
 * clerk_deletions; typed nullable, as the generator types every computed field). Null author and
 * false: not synced yet, or webhooks are off.
 */
export type Task = Omit<Tables<'tasks'>, 'author'> & {
  author: { display_name: string } | null
}
