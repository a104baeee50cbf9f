'use server'
import type { DataError } from '@repo/supabase-clerk'
import { createServerSupabaseClient } from '@repo/supabase-clerk-next/server'
import { addTask, deleteTask, setTaskDone, validateTaskName } from '@repo/tasks'
import { revalidatePath } from 'next/cache'
import { supabaseEnv } from '../../lib/env'

export interface AddTaskState {
  /** What the user typed, sent back so a refused name is not lost. */
  name: string
  nameError: string | null
  error: DataError | null
}

export interface RowActionState {
  error: DataError | null
}

export async function addTaskAction(
  _previous: AddTaskState,
  form: FormData,
): Promise<AddTaskState> {
  const typed = String(form.get('name') ?? '')
  const checked = validateTaskName(typed)
  if (!checked.ok) return { name: typed, nameError: checked.message, error: null }
  const result = await addTask(createServerSupabaseClient(supabaseEnv), checked.name)
  if (!result.ok) return { name: typed, nameError: null, error: result.error }
  revalidatePath('/ssr')
  return { name: '', nameError: null, error: null }
}

function taskId(form: FormData): number {
  return Number(form.get('id'))
}

export async function toggleTaskAction(
  _previous: RowActionState,
  form: FormData,
): Promise<RowActionState> {
  const result = await setTaskDone(
    createServerSupabaseClient(supabaseEnv),
    taskId(form),
    form.get('done') === 'true',
  )
  revalidatePath('/ssr')
  return { error: result.ok ? null : result.error }
}

export async function deleteTaskAction(
  _previous: RowActionState,
  form: FormData,
): Promise<RowActionState> {
  const result = await deleteTask(createServerSupabaseClient(supabaseEnv), taskId(form))
  revalidatePath('/ssr')
  return { error: result.ok ? null : result.error }
}
