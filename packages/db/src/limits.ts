/** Task names are 1..500 characters after trimming: the database check and the forms agree. */
export const TASK_NAME_MAX_LENGTH = 500
