import type { FrameworkVariables } from '../variables.ts'

/** @clerk/nextjs 7's names; NEXT_PUBLIC_* are inlined into the browser bundle at build time. */
export const NEXT_VARIABLES = {
  clerk: {
    publishableKey: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
    secretKey: 'CLERK_SECRET_KEY',
    jwtKey: 'CLERK_JWT_KEY',
    proxyUrl: 'NEXT_PUBLIC_CLERK_PROXY_URL',
    jsUrl: 'NEXT_PUBLIC_CLERK_JS_URL',
    uiUrl: 'NEXT_PUBLIC_CLERK_UI_URL',
    apiUrl: 'CLERK_API_URL',
    telemetryDisabled: 'NEXT_PUBLIC_CLERK_TELEMETRY_DISABLED',
    keylessDisabled: 'NEXT_PUBLIC_CLERK_KEYLESS_DISABLED',
    clerkJsMajor: 6,
  },
  supabase: {
    url: 'NEXT_PUBLIC_SUPABASE_URL',
    publishableKey: 'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY',
  },
} as const satisfies FrameworkVariables
