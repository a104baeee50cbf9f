import { describe, expect, it } from 'vitest'
import { validateTaskName } from '../src/index.ts'

describe('validateTaskName', () => {
  it.each([
    ['empty', ''],
    ['only spaces', '     '],
    ['not a string', undefined],
  ])('refuses %s with a message', (_label, value) => {
    expect(validateTaskName(value)).toEqual({ ok: false, message: 'Enter a name for the task.' })
  })

  it('refuses 501 characters and says how many there are', () => {
    expect(validateTaskName('x'.repeat(501))).toEqual({
      ok: false,
      message: 'A task name can be at most 500 characters; this one has 501.',
    })
  })

  it('accepts 500 characters and trims the name', () => {
    expect(validateTaskName(` ${'y'.repeat(500)} `)).toEqual({ ok: true, name: 'y'.repeat(500) })
  })

  it('counts characters, not UTF-16 units, like the database', () => {
    expect(validateTaskName('👋'.repeat(500)).ok).toBe(true)
  })
})
