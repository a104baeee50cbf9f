import { describe, expect, it } from 'vitest'
import { BLANK_RANGES, BLANK_SQL_PATTERN, isBlank, trimBlank } from '../src/blank.ts'

const invisibleOrSpace = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}]/u

describe('the one definition of a blank character', () => {
  it('lists only Unicode spaces and invisible format characters', () => {
    for (const [from, to] of BLANK_RANGES) {
      for (let codePoint = from; codePoint <= to; codePoint++) {
        expect(invisibleOrSpace.test(String.fromCodePoint(codePoint)), codePoint.toString(16)).toBe(
          true,
        )
      }
    }
  })

  it('covers every Unicode space character', () => {
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue
      const text = String.fromCodePoint(codePoint)
      if (/\p{White_Space}/u.test(text)) expect(isBlank(text), codePoint.toString(16)).toBe(true)
    }
  })

  it('trims only from the ends', () => {
    expect(trimBlank('\u200b a\u00a0b \u3164')).toBe('a\u00a0b')
  })

  it('gives PostgreSQL the same ranges, with its own escapes', () => {
    expect(BLANK_SQL_PATTERN).toMatch(/^\^\[\\u0009-\\u000d\\u0020.*\\U000e0000-\\U000e0fff\]\*\$$/)
  })
})
