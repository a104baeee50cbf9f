import { SERVER_CLERK, SERVER_SUPABASE } from '../server-variables.ts'
import type { FrameworkVariables } from '../variables.ts'

/** @clerk/remix 4's names: it reads CLERK_JS (not CLERK_JS_URL) and loads clerk-js 5. */
export const REMIX_VARIABLES = {
  clerk: { ...SERVER_CLERK, jsUrl: 'CLERK_JS', clerkJsMajor: 5 },
  supabase: SERVER_SUPABASE,
} as const satisfies FrameworkVariables
