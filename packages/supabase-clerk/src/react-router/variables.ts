import { SERVER_CLERK, SERVER_SUPABASE } from '../server-variables.ts'
import type { FrameworkVariables } from '../variables.ts'

/** @clerk/react-router 3's names: Core 3 like Next (clerk-js 6 and @clerk/ui), read at run time. */
export const REACT_ROUTER_VARIABLES = {
  clerk: {
    ...SERVER_CLERK,
    jsUrl: 'CLERK_JS_URL',
    uiUrl: 'CLERK_UI_URL',
    keylessDisabled: 'CLERK_KEYLESS_DISABLED',
    clerkJsMajor: 6,
  },
  supabase: SERVER_SUPABASE,
} as const satisfies FrameworkVariables
