export type { Database, Json, Tables, TablesInsert, TablesUpdate } from './database.types.ts'
export { TASK_NAME_MAX_LENGTH } from './limits.ts'
export { clerkUserId, tasks } from './schema.ts'

import type { Tables } from './database.types.ts'

/**
 * A task as the pages list it: its row, and who added it (the `author` computed relationship
 * over the profiles mirror; null until their profile is mirrored, and after they are deleted).
 */
export type Task = Omit<Tables<'tasks'>, 'author'> & {
  author: { display_name: string } | null
}

/** What the task queries select: the row and its author's name. */
export const TASK_COLUMNS = '*, author(display_name)'
