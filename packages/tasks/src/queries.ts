import type { Task } from '@repo/db'
import { TASK_COLUMNS } from '@repo/db/task-columns'
import type { ClerkSupabaseClient, DataError } from '@repo/supabase-clerk'
import { taskError } from './task-error.ts'

export type TaskResult<T> = { ok: true; data: T } | { ok: false; error: DataError }

type Reply<T> = {
  data: T | null
  error: { message: string; code?: string | null } | null
  status: number
}

function settle<T>(reply: Reply<T>, fallback: T): TaskResult<T> {
  if (reply.error) return { ok: false, error: taskError(reply.error, reply.status) }
  return { ok: true, data: reply.data ?? fallback }
}

/** The caller's tasks, oldest first. RLS decides whose they are. */
export async function listTasks(client: ClerkSupabaseClient): Promise<TaskResult<Task[]>> {
  return settle(
    await client.from('tasks').select(TASK_COLUMNS).order('created_at').order('id'),
    [] as Task[],
  )
}

/** `name` must already be validated; user_id is filled in by the database from the token. */
export async function addTask(
  client: ClerkSupabaseClient,
  name: string,
): Promise<TaskResult<Task | null>> {
  return settle(await client.from('tasks').insert({ name }).select(TASK_COLUMNS).single(), null)
}

export async function setTaskDone(
  client: ClerkSupabaseClient,
  id: number,
  done: boolean,
): Promise<TaskResult<Task[]>> {
  return settle(
    await client.from('tasks').update({ done }).eq('id', id).select(TASK_COLUMNS),
    [] as Task[],
  )
}

/** What a member is told when RLS keeps another member's organization task from them. */
const DELETE_REFUSED_MESSAGE = "Only an organization admin can delete other members' tasks."

/**
 * Deletes the task, or says why not. RLS does not refuse a delete out loud: the row is filtered
 * out and PostgREST answers 200 with no rows, the same answer as for a task that is already gone.
 * So when nothing was deleted, look again: a task the caller can still see was refused (only an
 * organization's task can be, since its members see tasks they may not delete); one the caller
 * cannot see is gone, and saying otherwise would reveal that it exists.
 */
export async function deleteTask(
  client: ClerkSupabaseClient,
  id: number,
): Promise<TaskResult<Task[]>> {
  const deleted = settle(
    await client.from('tasks').delete().eq('id', id).select(TASK_COLUMNS),
    [] as Task[],
  )
  if (!deleted.ok || deleted.data.length > 0) return deleted
  const still = settle(await client.from('tasks').select('id').eq('id', id), [] as { id: number }[])
  if (!still.ok) return still
  if (still.data.length > 0) {
    return { ok: false, error: { kind: 'forbidden', message: DELETE_REFUSED_MESSAGE } }
  }
  return deleted
}
