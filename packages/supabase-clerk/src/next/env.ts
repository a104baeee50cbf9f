import { renamedField, throwEnvError } from '@repo/env'
import { createEnv } from '@t3-oss/env-nextjs'
import {
  clerkJwtKeyField,
  clerkPublishableKeyField,
  clerkSecretKeyField,
  supabaseKeyField,
  supabaseUrlField,
} from '../env.ts'

const NEXT_PUBLIC_NOTE =
  'Next.js exposes only NEXT_PUBLIC_-prefixed variables to browser code, and inlines them at build time: set it in apps/next/.env.local (or the deployment env) and rebuild.'

/** The public values, which the app's env module spells out (see below). */
export interface NextPublicEnv {
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: string | undefined
  NEXT_PUBLIC_SUPABASE_URL: string | undefined
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: string | undefined
  /**
   * The old name (Clerk's Supabase guide), still read. Here so that the app writes it out too:
   * Next inlines only the names the app's code spells in full.
   */
  NEXT_PUBLIC_SUPABASE_KEY: string | undefined
}

/**
 * Clerk's and Supabase's variables for a Next.js app, for its env module's `extends`. Next
 * inlines NEXT_PUBLIC_* into browser code only where the app's own code writes them out as
 * process.env.NEXT_PUBLIC_..., so the app passes them in; server values come from process.env.
 */
export function supabaseClerkEnv(publicEnv: NextPublicEnv) {
  return createEnv({
    server: {
      CLERK_SECRET_KEY: clerkSecretKeyField(
        'apps/next/.env.local or the server env (server-only, never NEXT_PUBLIC_)',
      ),
      CLERK_JWT_KEY: clerkJwtKeyField(),
    },
    client: {
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: clerkPublishableKeyField(
        'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
        'apps/next/.env.local (or the build env) and rebuild: Next inlines it at build time',
      ),
      NEXT_PUBLIC_SUPABASE_URL: supabaseUrlField('NEXT_PUBLIC_SUPABASE_URL', NEXT_PUBLIC_NOTE),
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: renamedField(
        publicEnv,
        'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY',
        (label) => supabaseKeyField(label, NEXT_PUBLIC_NOTE),
      ),
    },
    experimental__runtimeEnv: { ...publicEnv },
    onValidationError: throwEnvError('Clerk and Supabase are not configured for apps/next'),
  })
}
