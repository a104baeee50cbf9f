import { throwEnvError } from '@repo/env'
import { createEnv } from '@t3-oss/env-core'
import {
  clerkJwtKeyField,
  clerkPublishableKeyField,
  clerkSecretKeyField,
  supabaseKeyField,
  supabaseUrlField,
} from '../env.ts'

const SERVER_ENV = 'the server env (apps/remix/.env under `pnpm dev`)'

/**
 * Clerk's and Supabase's variables for a Remix app, for its env module's `extends`. Remix reads
 * env on the server only; the root loader hands the two public Supabase values to the browser.
 */
export function supabaseClerkEnv(runtimeEnv: Record<string, string | undefined>) {
  return createEnv({
    server: {
      CLERK_PUBLISHABLE_KEY: clerkPublishableKeyField('CLERK_PUBLISHABLE_KEY', SERVER_ENV),
      CLERK_SECRET_KEY: clerkSecretKeyField(
        'the server env (apps/remix/.env under `pnpm dev`; server-only)',
      ),
      CLERK_JWT_KEY: clerkJwtKeyField(),
      SUPABASE_URL: supabaseUrlField(
        'SUPABASE_URL',
        'Set it in apps/remix/.env (or the server env); the root loader passes it to the browser.',
      ),
      SUPABASE_KEY: supabaseKeyField(
        'SUPABASE_KEY',
        'Set it in apps/remix/.env (or the server env); the root loader passes it to the browser.',
      ),
    },
    runtimeEnv,
    onValidationError: throwEnvError('Clerk and Supabase are not configured for apps/remix'),
  })
}
