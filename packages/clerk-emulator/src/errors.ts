/** A Clerk API error body; `paramName` makes the prebuilt UI show it beside that field. */
export interface ClerkErrorBody {
  errors: { code: string; message: string; long_message: string; meta: { param_name?: string } }[]
}

export function clerkError(
  code: string,
  message: string,
  longMessage = message,
  paramName?: string,
): ClerkErrorBody {
  return {
    errors: [
      {
        code,
        message,
        long_message: longMessage,
        meta: paramName ? { param_name: paramName } : {},
      },
    ],
  }
}
