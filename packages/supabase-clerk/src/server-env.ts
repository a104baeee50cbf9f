import { renamedField, throwEnvError } from '@repo/env'
import { createEnv } from '@t3-oss/env-core'
import {
  clerkJwtKeyField,
  clerkPublishableKeyField,
  clerkSecretKeyField,
  supabaseKeyField,
  supabaseUrlField,
} from './env.ts'
import { SERVER_CLERK as CLERK, SERVER_SUPABASE as SUPABASE } from './server-variables.ts'

/**
 * Clerk's and Supabase's variables for a framework that reads env on the server only (Remix,
 * React Router): the root loader hands the two public Supabase values to the browser.
 * SUPABASE_KEY, Clerk's Supabase guide's name, is still read (see renamedField in @repo/env).
 *
 * @param appDir where the app lives, for the messages (e.g. "apps/remix")
 */
export function serverSupabaseClerkEnv(
  runtimeEnv: Record<string, string | undefined>,
  appDir: string,
) {
  const serverEnv = `the server env (${appDir}/.env under \`pnpm dev\`)`
  const note = `Set it in ${appDir}/.env (or the server env); the root loader passes it to the browser.`
  return createEnv({
    server: {
      [CLERK.publishableKey]: clerkPublishableKeyField(CLERK.publishableKey, serverEnv),
      [CLERK.secretKey]: clerkSecretKeyField(
        CLERK.secretKey,
        `the server env (${appDir}/.env under \`pnpm dev\`; server-only)`,
      ),
      [CLERK.jwtKey]: clerkJwtKeyField(),
      [SUPABASE.url]: supabaseUrlField(SUPABASE.url, note),
      [SUPABASE.publishableKey]: renamedField(runtimeEnv, SUPABASE.publishableKey, (label) =>
        supabaseKeyField(label, note),
      ),
    },
    runtimeEnv,
    onValidationError: throwEnvError(`Clerk and Supabase are not configured for ${appDir}`),
  })
}
