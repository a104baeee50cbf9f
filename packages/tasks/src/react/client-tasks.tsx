import type { Task } from '@repo/db'
import type { ClerkSupabaseClient, DataError } from '@repo/supabase-clerk'
import { type FormEvent, useEffect, useState } from 'react'
import { addTask, deleteTask, listTasks, setTaskDone } from '../queries.ts'
import { validateTaskName } from '../validation.ts'
import { DataErrorAlert } from './data-error-alert.tsx'
import { TaskAuthor } from './task-author.tsx'
import { TaskNameField } from './task-name-field.tsx'
import { TasksHeading, type TokenOrganization } from './tasks-heading.tsx'

export interface ClientTasksProps {
  /** From the framework's useClerkSupabaseClient(). */
  client: ClerkSupabaseClient
  /** The signed-in Clerk user's id, once Clerk has loaded (undefined before). */
  userId: string | null | undefined
  /**
   * The active organization as the token names it (the framework's useAuth(): orgId, orgSlug),
   * null for the personal account. The list is read again when it changes; `client` must by
   * then send tokens for it.
   */
  organization?: TokenOrganization | null
  /** clerk-js's active organization (useOrganization()), for its name once loaded. */
  activeOrganization?: { id: string; name: string } | null
}

/** Errors shown beside their rows, by task id. */
type RowErrors = Partial<Record<number, DataError>>

/** The list with `task` back in its place (the list is ordered as listTasks orders it). */
function withTask(tasks: Task[], task: Task): Task[] {
  if (tasks.some((t) => t.id === task.id)) return tasks
  const after = tasks.findIndex(
    (t) => t.created_at > task.created_at || (t.created_at === task.created_at && t.id > task.id),
  )
  return after === -1 ? [...tasks, task] : [...tasks.slice(0, after), task, ...tasks.slice(after)]
}

/** A task shown at once while its insert is in flight: its id is a stand-in, below any real one. */
const isUnsaved = (task: Task) => task.id < 0

/**
 * The client-side tasks page body: read and written from the browser with the user's token.
 * Changes show at once and roll back if the request fails (Clerk's guide reloads the window instead).
 */
export function ClientTasks({
  client,
  userId,
  organization,
  activeOrganization,
}: ClientTasksProps) {
  const [tasks, setTasks] = useState<Task[]>([])
  const [loading, setLoading] = useState(true)
  /** A failed load or add: shown above the list. */
  const [error, setError] = useState<DataError | null>(null)
  /** A failed toggle or delete: shown beside the task, which stays in its place. */
  const [rowErrors, setRowErrors] = useState<RowErrors>({})
  const [name, setName] = useState('')
  const [nameError, setNameError] = useState<string | null>(null)
  const organizationId = organization?.id ?? null

  const setRowError = (id: number, rowError: DataError | null) =>
    setRowErrors(({ [id]: _previous, ...others }) =>
      rowError ? { ...others, [id]: rowError } : others,
    )

  // biome-ignore lint/correctness/useExhaustiveDependencies: another organization, other tasks (RLS reads it from the token)
  useEffect(() => {
    if (!userId) return
    let cancelled = false
    setLoading(true)
    listTasks(client).then((result) => {
      if (cancelled) return
      if (result.ok) {
        setTasks(result.data)
        setRowErrors({})
        setError(null)
      } else setError(result.error)
      setLoading(false)
    })
    return () => {
      cancelled = true
    }
  }, [client, userId, organizationId])

  async function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    // The list's answer will replace the list, and it was read before this insert.
    if (loading) return
    const checked = validateTaskName(name)
    if (!checked.ok) {
      setNameError(checked.message)
      return
    }
    setNameError(null)
    const placeholder: Task = {
      id: -Date.now(),
      name: checked.name,
      done: false,
      user_id: userId ?? '',
      // What the database will stamp it with, from the same token.
      organization_id: organizationId,
      created_at: new Date().toISOString(),
      author: null,
      author_deleted: false,
    }
    setTasks((current) => [...current, placeholder])
    setName('')
    const result = await addTask(client, checked.name)
    if (result.ok && result.data) {
      const saved = result.data
      setTasks((current) => current.map((task) => (task.id === placeholder.id ? saved : task)))
      setError(null)
    } else {
      setTasks((current) => current.filter((task) => task.id !== placeholder.id))
      setName(checked.name)
      if (!result.ok) setError(result.error)
    }
  }

  async function onToggle(task: Task) {
    const flip = (done: boolean) =>
      setTasks((current) => current.map((t) => (t.id === task.id ? { ...t, done } : t)))
    flip(!task.done)
    const result = await setTaskDone(client, task.id, !task.done)
    if (!result.ok) flip(task.done)
    setRowError(task.id, result.ok ? null : result.error)
  }

  async function onDelete(task: Task) {
    setTasks((current) => current.filter((t) => t.id !== task.id))
    const result = await deleteTask(client, task.id)
    if (!result.ok) {
      // Put it back into the list as it is now, not a snapshot: other changes may have landed.
      setTasks((current) => withTask(current, task))
    }
    setRowError(task.id, result.ok ? null : result.error)
  }

  return (
    <section aria-labelledby="tasks-heading">
      <TasksHeading organization={organization} active={activeOrganization} />
      <p>Read and written from your browser with your Clerk session token.</p>
      <form className="task-form" onSubmit={onAdd} noValidate>
        <TaskNameField value={name} onChange={(value) => setName(value)} error={nameError} />
        {/* Off until the list has loaded: served off, a click before hydration cannot send the
            form natively (a reload that loses the text), and an add cannot race the first read. */}
        <button type="submit" disabled={loading}>
          Add
        </button>
      </form>
      <DataErrorAlert error={error} />
      {loading ? (
        <p aria-live="polite">Loading tasks…</p>
      ) : tasks.length === 0 ? (
        <p>No tasks yet</p>
      ) : (
        <ul className="task-list" aria-label="Your tasks">
          {tasks.map((task) => (
            <li
              key={task.id}
              className={task.done ? 'done' : undefined}
              aria-busy={isUnsaved(task) || undefined}
            >
              <span className="name">{task.name}</span>
              <TaskAuthor task={task} />
              {/* Until the insert answers there is no row to change: a tick sent now would name
                  the placeholder's id, match nothing, and look saved. */}
              <label>
                <input
                  type="checkbox"
                  checked={task.done}
                  disabled={isUnsaved(task)}
                  onChange={() => onToggle(task)}
                />{' '}
                Done
              </label>
              <button type="button" disabled={isUnsaved(task)} onClick={() => onDelete(task)}>
                Delete
              </button>
              <DataErrorAlert error={rowErrors[task.id]} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
