import { TASK_NAME_MAX_LENGTH } from '@repo/db/limits'
import { classifyDataError, type DataError, type SupabaseErrorLike } from '@repo/supabase-clerk'

/** A failed tasks request, classified by @repo/supabase-clerk and told in the tasks' own words. */
export function taskError(error: SupabaseErrorLike, status?: number): DataError {
  const classified = classifyDataError(error, status)
  switch (classified.kind) {
    case 'constraint':
      return {
        kind: 'constraint',
        message: `A task name must have 1 to ${TASK_NAME_MAX_LENGTH} characters, and not only spaces.`,
      }
    case 'forbidden':
      return { kind: 'forbidden', message: 'You can only change your own tasks.' }
    default:
      return classified
  }
}
