// The only module of this app that reads env: it composes the packages' validators and checks
// every variable at once, naming each missing one and where its value comes from. Evaluated when
// the server build is imported, so remix-serve stops at start with that message instead of
// failing each request.
import { clerkSyncEnv, webhookSettings } from '@repo/clerk-sync/env'
import { everyPreset, throwEnvError } from '@repo/env'
import type { SupabaseEnv } from '@repo/supabase-clerk'
import { supabaseClerkEnv } from '@repo/supabase-clerk/remix/env'
import { createEnv } from '@t3-oss/env-core'

export const env = createEnv({
  extends: everyPreset('apps/remix is not configured', [
    () => supabaseClerkEnv(process.env),
    () => clerkSyncEnv(process.env, 'apps/remix'),
  ]),
  server: {},
  runtimeEnv: process.env,
  onValidationError: throwEnvError('apps/remix is not configured'),
})

/** What every Supabase client in this app is made from; both values are public. */
export const supabaseEnv: SupabaseEnv = {
  supabaseUrl: env.SUPABASE_URL,
  supabaseKey: env.SUPABASE_PUBLISHABLE_KEY,
}

/**
 * What the webhook route writes the mirror with, and verifies deliveries with, or undefined while
 * webhooks are off (neither variable set). Server-only.
 */
export const webhookEnv = webhookSettings(env, env.SUPABASE_URL)
