import type { Task } from '@repo/db'

/** What a row of an organization's tasks says about who added it. */
export const AUTHOR_TEXT = {
  added: (name: string) => `added by ${name}`,
  deleted: 'added by a deleted user',
  // No profile, and no deletion on record: their webhook has not landed yet, or webhooks are off
  // (docs/webhooks.md). Neutral, since nothing is known to be wrong.
  notSynced: 'author not synced yet',
} as const

/**
 * Who added an organization's task, from the database: their name from the profiles mirror
 * ("added by Bob"); "added by a deleted user" when Clerk deleted them (clerk_deletions); else
 * "author not synced yet". Nothing for a personal task, which is yours.
 */
export function TaskAuthor({
  task,
}: {
  task: Pick<Task, 'id' | 'organization_id' | 'author' | 'author_deleted'>
}) {
  // A task still being added (a negative placeholder id) is the viewer's own.
  if (!task.organization_id || task.id < 0) return null
  const name = task.author?.display_name
  if (name) return <span className="author">{AUTHOR_TEXT.added(name)}</span>
  if (task.author_deleted) return <span className="author">{AUTHOR_TEXT.deleted}</span>
  return <span className="author">{AUTHOR_TEXT.notSynced}</span>
}
