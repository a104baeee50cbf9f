// The two server-only values the webhook route needs, checked by each app's env module
// (`extends: [clerkSyncEnv(process.env, 'apps/next')]`). The secret key is read nowhere else.
// They are an optional pair: an app pointed at a Clerk instance that has no webhook endpoint yet
// (one needs a public URL) starts without them, and its webhook route says what to set.
import {
  EnvError,
  optionalText,
  renamedField,
  supabaseKeyRole,
  throwEnvError,
  warnOnce,
} from '@repo/env'
import { createEnv } from '@t3-oss/env-core'
import { WEBHOOK_VARIABLES, WEBHOOKS_OFF } from './webhook-variables.ts'

const LOCAL = 'For the local stack, `pnpm dev` sets it'

/**
 * @param appDir where the app lives, for the messages (e.g. "apps/remix")
 *
 * Neither set: webhooks are off. One set: an error naming the other. SUPABASE_SERVICE_ROLE_KEY,
 * the legacy name, is still read (see renamedField in @repo/env). `skipValidation` (t3-env's
 * option) is for a build that loads the app without its server env.
 */
export function clerkSyncEnv(
  runtimeEnv: Record<string, string | undefined>,
  appDir: string,
  { skipValidation = false } = {},
) {
  const where = `${appDir}/.env or the server env; server-only, never in client code`
  const env = createEnv({
    skipValidation,
    server: {
      SUPABASE_SECRET_KEY: renamedField(runtimeEnv, 'SUPABASE_SECRET_KEY', (label) =>
        optionalText().refine((key) => key === undefined || supabaseKeyRole(key) !== 'anon', {
          // Refused at start: with it, every delivery would fail at the database, far from the
          // cause.
          error: `${label} holds the publishable (anon) key. The webhook route needs a secret key (sb_secret_…, or the legacy service_role key) from the Supabase dashboard > Project Settings > API Keys.`,
        }),
      ),
      CLERK_WEBHOOK_SIGNING_SECRET: optionalText().refine(
        (secret) => secret === undefined || secret.startsWith('whsec_'),
        {
          error:
            'CLERK_WEBHOOK_SIGNING_SECRET must start with whsec_ (copy the Signing Secret of the webhook endpoint in the Clerk dashboard).',
        },
      ),
    },
    runtimeEnv,
    onValidationError: throwEnvError(`Clerk webhooks are not configured for ${appDir}`),
  })
  // In the browser t3-env refuses any read of a server variable, and the pair is the server's.
  if (skipValidation || typeof window !== 'undefined') return env
  const missing = {
    SUPABASE_SECRET_KEY: `SUPABASE_SECRET_KEY is not set, but CLERK_WEBHOOK_SIGNING_SECRET is. The webhook route writes Clerk's users into Supabase with it. ${LOCAL} (from local-supabase); for hosted Supabase it is in the dashboard under Project Settings > API Keys (a secret key, sb_secret_…, or the legacy service_role key). Set it in ${where}, or unset CLERK_WEBHOOK_SIGNING_SECRET to run without webhooks.`,
    CLERK_WEBHOOK_SIGNING_SECRET: `CLERK_WEBHOOK_SIGNING_SECRET is not set, but SUPABASE_SECRET_KEY is. It verifies Clerk's webhook deliveries. ${LOCAL} (from the Clerk emulator); for Clerk it is the endpoint's Signing Secret in the Clerk dashboard > Webhooks. Set it in ${where}, or unset SUPABASE_SECRET_KEY to run without webhooks.`,
  }
  const unset = WEBHOOK_VARIABLES.filter((name) => env[name] === undefined)
  const [only] = unset
  if (unset.length === 1 && only) {
    throw new EnvError(`Clerk webhooks are half configured for ${appDir}`, [missing[only]])
  }
  if (unset.length === 2) warnOnce(`${appDir}: ${WEBHOOKS_OFF}`)
  return env
}

/**
 * What the webhook route writes with and verifies with, or undefined while webhooks are off.
 * `supabaseUrl` is the app's own (public) Supabase URL.
 */
export function webhookSettings(
  env: { SUPABASE_SECRET_KEY?: string; CLERK_WEBHOOK_SIGNING_SECRET?: string },
  supabaseUrl: string,
): { supabaseUrl: string; serviceRoleKey: string; signingSecret: string } | undefined {
  const { SUPABASE_SECRET_KEY: serviceRoleKey, CLERK_WEBHOOK_SIGNING_SECRET: signingSecret } = env
  return serviceRoleKey && signingSecret
    ? { supabaseUrl, serviceRoleKey, signingSecret }
    : undefined
}
