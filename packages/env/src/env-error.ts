/**
 * The one error every env module throws. Each problem is a sentence that names its variable and
 * where the value comes from, so the message alone tells a person what to set.
 */
export class EnvError extends Error {
  override name = 'EnvError'
  readonly problems: readonly string[]

  constructor(subject: string, problems: readonly string[]) {
    super(`${subject}:\n- ${problems.join('\n- ')}`)
    this.problems = problems
  }
}

/**
 * For t3-env's `onValidationError`: every issue at once, in one EnvError. The fields in
 * ./fields.ts write messages that already name the variable, so the issue path is not repeated.
 */
export function throwEnvError(subject: string) {
  return (issues: readonly { message: string }[]): never => {
    throw new EnvError(subject, [...new Set(issues.map((issue) => issue.message))])
  }
}
