import type { Task } from '@repo/db'

/**
 * Who added an organization's task ("added by Bob"), from the profiles mirror; nothing for a
 * personal task, which is yours. An author with no profile is one Clerk has deleted (or, for a
 * few seconds after they sign up, one whose webhook has not landed yet).
 */
export function TaskAuthor({ task }: { task: Pick<Task, 'id' | 'organization_id' | 'author'> }) {
  // A task still being added (a negative placeholder id) is the viewer's own.
  if (!task.organization_id || task.id < 0) return null
  return <span className="author">added by {task.author?.display_name ?? 'a deleted user'}</span>
}
