import type { Task } from '@repo/db'
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
  return settle(await client.from('tasks').select().order('created_at').order('id'), [] as Task[])
}

/** `name` must already be validated; user_id is filled in by the database from the token. */
export async function addTask(
  client: ClerkSupabaseClient,
  name: string,
): Promise<TaskResult<Task | null>> {
  return settle(await client.from('tasks').insert({ name }).select().single(), null)
}

export async function setTaskDone(
  client: ClerkSupabaseClient,
  id: number,
  done: boolean,
): Promise<TaskResult<Task[]>> {
  return settle(await client.from('tasks').update({ done }).eq('id', id).select(), [] as Task[])
}

export async function deleteTask(
  client: ClerkSupabaseClient,
  id: number,
): Promise<TaskResult<Task[]>> {
  return settle(await client.from('tasks').delete().eq('id', id).select(), [] as Task[])
}
