// The only module of this app that reads env: it composes the packages' validators, checks every
// variable at once, and names each missing one and where its value comes from.
// NEXT_PUBLIC_* are written out in full because Next inlines only literal references; so is the
// key's old name, which the preset still reads.
import { clerkSyncEnv, webhookSettings } from '@repo/clerk-sync/env'
import { everyPreset, throwEnvError } from '@repo/env'
import type { SupabaseEnv } from '@repo/supabase-clerk'
import { supabaseClerkEnv } from '@repo/supabase-clerk/next/env'
import { createEnv } from '@t3-oss/env-nextjs'

// `next build` imports each route and prerenders the static ones. The server-only values are not
// set then (a deploy sets them at run time), and next.config.ts has checked the public ones the
// build inlines; the server checks everything as it starts (instrumentation-node.ts).
const building = process.env.NEXT_PHASE === 'phase-production-build'

export const env = createEnv({
  extends: everyPreset('apps/next is not configured', [
    () =>
      supabaseClerkEnv(
        {
          NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
          NEXT_PUBLIC_SUPABASE_URL: process.env.NEXT_PUBLIC_SUPABASE_URL,
          NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY,
          NEXT_PUBLIC_SUPABASE_KEY: process.env.NEXT_PUBLIC_SUPABASE_KEY,
        },
        { skipValidation: building },
      ),
    () => clerkSyncEnv(process.env, 'apps/next', { skipValidation: building }),
  ]),
  skipValidation: building,
  experimental__runtimeEnv: {},
  onValidationError: throwEnvError('apps/next is not configured'),
})

/** What every Supabase client in this app is made from (both values are public). */
export const supabaseEnv: SupabaseEnv = {
  supabaseUrl: env.NEXT_PUBLIC_SUPABASE_URL,
  supabaseKey: env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY,
}

/**
 * For the webhook route only (server-only values: reading them in the browser throws), so
 * called there rather than read when this module loads. Undefined while webhooks are off.
 */
export function webhookEnv() {
  return webhookSettings(env, env.NEXT_PUBLIC_SUPABASE_URL)
}
