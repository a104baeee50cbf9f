export type { Task } from '@repo/db'
export { TASK_NAME_MAX_LENGTH } from '@repo/db/limits'
export { addTask, deleteTask, listTasks, setTaskDone, type TaskResult } from './queries.ts'
export { type TaskNameResult, validateTaskName } from './validation.ts'
