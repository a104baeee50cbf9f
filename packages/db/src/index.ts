export type { Database, Json, Tables, TablesInsert, TablesUpdate } from './database.types.ts'
export { TASK_NAME_MAX_LENGTH } from './limits.ts'
export { clerkUserId, tasks } from './schema.ts'

import type { Tables } from './database.types.ts'

/** A task row as supabase-js returns it. */
export type Task = Tables<'tasks'>
