// Presentational pieces every app renders the same way, so the shared UI contract (labels,
// role="alert" messages) lives in one place. Framework-free React: works with React 18 and 19.
export { AfterHydration } from './after-hydration.tsx'
export { ClientTasks, type ClientTasksProps } from './client-tasks.tsx'
export { DataErrorAlert } from './data-error-alert.tsx'
export { TaskAuthor } from './task-author.tsx'
export { TaskNameField } from './task-name-field.tsx'
export { TasksHeading, type TasksHeadingProps, type TokenOrganization } from './tasks-heading.tsx'
