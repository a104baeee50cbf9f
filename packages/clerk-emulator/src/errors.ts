import crypto from 'node:crypto'

/** A Clerk API error body; `paramName` makes the prebuilt UI show it beside that field. */
export interface ClerkErrorBody {
  errors: { code: string; message: string; long_message: string; meta: { param_name?: string } }[]
  /** Clerk names each failed request so support can find it; clerk-js keeps it as clerkTraceId. */
  clerk_trace_id: string
}

export function clerkError(
  code: string,
  message: string,
  options: { longMessage?: string; paramName?: string } = {},
): ClerkErrorBody {
  return {
    errors: [
      {
        code,
        message,
        long_message: options.longMessage ?? message,
        meta: options.paramName ? { param_name: options.paramName } : {},
      },
    ],
    clerk_trace_id: crypto.randomBytes(16).toString('hex'),
  }
}

/** A 422 the prebuilt UI shows beside the form field `paramName`. */
export const fieldError = (code: string, message: string, paramName: string) =>
  clerkError(code, message, { paramName })
