import type { ClerkSupabaseClient, DataError } from '@repo/supabase-clerk'
import { addTask, deleteTask, setTaskDone } from './queries.ts'
import { validateTaskName } from './validation.ts'

export type TaskActionResult = {
  intent: string
  /**
   * The task a toggle or delete was for, so its error can be shown beside that row when the
   * result comes back as the page's action data (a form posted without JavaScript).
   */
  id?: number
  /** What the user typed, sent back so a refused name is not lost. */
  name?: string
  nameError?: string | null
  error: DataError | null
}

/**
 * The server-rendered page's form posts (`intent` add, toggle or delete), for frameworks whose
 * actions receive the form as FormData (Remix, React Router). Next's Server Actions call the
 * queries one by one instead.
 */
export async function runTaskAction(
  client: ClerkSupabaseClient,
  form: FormData,
): Promise<TaskActionResult> {
  const intent = String(form.get('intent'))
  if (intent === 'add') {
    const typed = String(form.get('name') ?? '')
    const checked = validateTaskName(typed)
    if (!checked.ok) return { intent, name: typed, nameError: checked.message, error: null }
    const result = await addTask(client, checked.name)
    return result.ok
      ? { intent, name: '', nameError: null, error: null }
      : { intent, name: typed, nameError: null, error: result.error }
  }
  const id = Number(form.get('id'))
  if (intent === 'toggle') {
    const result = await setTaskDone(client, id, form.get('done') === 'true')
    return { intent, id, error: result.ok ? null : result.error }
  }
  if (intent === 'delete') {
    const result = await deleteTask(client, id)
    return { intent, id, error: result.ok ? null : result.error }
  }
  return { intent, error: { kind: 'unknown', message: `Unknown action "${intent}".` } }
}
