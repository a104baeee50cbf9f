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

/** What both APIs answer for an id they do not know (404). */
export const notFoundError = (what: string) => clerkError('resource_not_found', `${what} not found`)

/** Refused (403) when a change would leave an organization without an admin, as Clerk does. */
export const lastAdminError = () =>
  clerkError(
    'organization_minimum_permissions_needed',
    'There has to be at least one organization member with the administrator role',
  )

/** Why an organization's fields were refused (see Store.organizationProblem), as Clerk says it. */
export function organizationProblemError(
  problem: 'name_missing' | 'slug_invalid' | 'slug_taken' | 'role_invalid',
): ClerkErrorBody {
  switch (problem) {
    case 'name_missing':
      return fieldError('form_param_missing', 'Enter a name for the organization.', 'name')
    case 'slug_invalid':
      return fieldError(
        'form_param_format_invalid',
        'The slug may contain lowercase letters, numbers and dashes only.',
        'slug',
      )
    case 'slug_taken':
      return fieldError('form_identifier_exists', 'This slug is taken. Please try another.', 'slug')
    case 'role_invalid':
      return fieldError(
        'form_param_value_invalid',
        'role must be org:admin or org:member (custom roles are not emulated).',
        'role',
      )
  }
}
