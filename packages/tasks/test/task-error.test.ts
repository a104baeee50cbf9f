import { describe, expect, it } from 'vitest'
import { taskError } from '../src/task-error.ts'

describe('taskError', () => {
  it('says a refused name in the tasks’ words, with the shared length limit', () => {
    expect(taskError({ message: 'violates check constraint', code: '23514' }, 400)).toEqual({
      kind: 'constraint',
      message: 'A task name must have 1 to 500 characters, and not only spaces.',
    })
  })

  it('says a refused change is someone else’s task', () => {
    expect(taskError({ message: 'row-level security', code: '42501' }, 403)).toEqual({
      kind: 'forbidden',
      message: 'You can only change your own tasks.',
    })
  })

  it('leaves the generic kinds as @repo/supabase-clerk says them', () => {
    expect(taskError({ message: 'TypeError: fetch failed' }, 0)).toEqual({
      kind: 'unreachable',
      message: 'The database API is unreachable. Try again in a moment.',
    })
  })
})
