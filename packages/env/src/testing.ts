import { EnvError } from './env-error.ts'

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
