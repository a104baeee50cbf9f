// A module of its own, like limits.ts: browser code imports it, and the package's index would
// also bring in the Drizzle schema (drizzle-orm) that only servers and migrations need.

/** What the task queries select: the row and its author's name. */
export const TASK_COLUMNS = '*, author(display_name)'
