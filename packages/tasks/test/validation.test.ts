import { BLANK_NAME_CASES } from '@repo/db/testing'
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

  // The same table the database's check is tested with (packages/db/test/rls.test.ts).
  it.each(BLANK_NAME_CASES)('agrees with the database on $label', ({ name, blank }) => {
    expect(validateTaskName(name).ok).toBe(!blank)
  })

  it('trims blank characters of every kind from the ends', () => {
    expect(validateTaskName('\u200b\u00a0Buy milk\t\u3000')).toEqual({ ok: true, name: 'Buy milk' })
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
