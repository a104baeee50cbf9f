import { EnvError } from './env-error.ts'

type Results<T extends readonly (() => unknown)[]> = { -readonly [K in keyof T]: ReturnType<T[K]> }

/**
 * For t3-env's `extends`: evaluates every package's preset, so a missing first group does not hide
 * the next. A preset throws as it is created, so listing them plainly would name the Clerk and
 * Supabase keys and stop before the webhook route's; this throws every group's problems at once.
 */
export function everyPreset<const T extends readonly (() => unknown)[]>(
  subject: string,
  presets: T,
): Results<T> {
  const problems: string[] = []
  const results = presets.map((preset) => {
    try {
      return preset()
    } catch (error) {
      if (!(error instanceof EnvError)) throw error
      problems.push(...error.problems)
      return {}
    }
  })
  if (problems.length > 0) throw new EnvError(subject, [...new Set(problems)])
  return results as Results<T>
}
