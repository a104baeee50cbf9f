import { EnvError } from './env-error.ts'
import { WARNED } from './renamed.ts'

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

/** For tests: forget which old names this process has warned about, so each test sees its own. */
export function forgetOldNameWarnings(): void {
  delete (globalThis as { [WARNED]?: unknown })[WARNED]
}
