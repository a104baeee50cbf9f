// A module of its own, like limits.ts: browser code imports it, and the package's index would
// also bring in the Drizzle schema (drizzle-orm) that only servers and migrations need.

/**
 * What the task queries select: the row, its author's name, and whether Clerk deleted its author
 * (so a row without a name tells "a deleted user" from "not synced yet").
 */
export const TASK_COLUMNS = '*, author(display_name), author_deleted'
