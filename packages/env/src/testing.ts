import { EnvError } from './env-error.ts'
import { WARNED } from './warn-once.ts'

/** For tests: the problems an env module reports, or [] when it accepts the env. */
export function envProblems(read: () => unknown): readonly string[] {
  try {
    read()
  } catch (error) {
    if (error instanceof EnvError) return error.problems
    throw error
  }
  return []
}

/** For tests: forget which lines this process has warned once, so each test sees its own. */
export function forgetWarnings(): void {
  delete (globalThis as { [WARNED]?: unknown })[WARNED]
}
