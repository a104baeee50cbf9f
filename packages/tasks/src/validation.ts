import { trimBlank } from '@repo/db/blank'
import { TASK_NAME_MAX_LENGTH } from '@repo/db/limits'

export type TaskNameResult = { ok: true; name: string } | { ok: false; message: string }

/**
 * The database's tasks_name_not_blank and tasks_name_length checks, with messages for the form.
 * Blank characters (any Unicode space or invisible format character) are trimmed from the ends.
 */
export function validateTaskName(raw: unknown): TaskNameResult {
  const name = typeof raw === 'string' ? trimBlank(raw) : ''
  if (name.length === 0) return { ok: false, message: 'Enter a name for the task.' }
  const length = [...name].length
  if (length > TASK_NAME_MAX_LENGTH) {
    return {
      ok: false,
      message: `A task name can be at most ${TASK_NAME_MAX_LENGTH} characters; this one has ${length}.`,
    }
  }
  return { ok: true, name }
}
