// Field schemas for t3-env. A value that is empty or only spaces counts as unset: an
// `.env` line like `KEY=` is a variable someone forgot to fill in, not a value.
import { z } from 'zod'

const blankAsUnset = (value: unknown) =>
  typeof value === 'string' ? value.trim() || undefined : value

/** A variable that must be set. `notSet` names it and says where its value comes from. */
export function requiredText(notSet: string) {
  return z.preprocess(blankAsUnset, z.string({ error: notSet }))
}

export function optionalText() {
  return z.preprocess(blankAsUnset, z.string().optional())
}

/** A TCP port, `fallback` when unset. */
export function port(name: string, fallback: number) {
  const message = (raw: unknown) =>
    `${name} must be a TCP port between 1 and 65535 (got "${String(raw)}").`
  return z.preprocess(
    blankAsUnset,
    z
      .string()
      .optional()
      .transform((raw, context) => {
        if (raw === undefined) return fallback
        const value = Number(raw)
        if (/^\d+$/.test(raw) && value >= 1 && value <= 65535) return value
        context.addIssue({ code: 'custom', message: message(raw) })
        return z.NEVER
      }),
  )
}

/** An http(s) URL; `invalid(value)` says what was expected instead of the value given. */
export function httpUrl(notSet: string, invalid: (value: string) => string) {
  return requiredText(notSet).refine(isHttpUrl, {
    error: (issue) => invalid(String(issue.input)),
  })
}

export function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol)
  } catch {
    return false
  }
}
