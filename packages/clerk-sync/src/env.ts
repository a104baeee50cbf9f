// The two server-only values the webhook route needs, checked by each app's env module
// (`extends: [clerkSyncEnv(process.env, 'apps/next')]`). The secret key is read nowhere else.
import { renamedField, requiredText, supabaseKeyRole, throwEnvError } from '@repo/env'
import { createEnv } from '@t3-oss/env-core'

const LOCAL = 'For the local stack, `pnpm dev` sets it'

/**
 * @param appDir where the app lives, for the messages (e.g. "apps/remix")
 *
 * SUPABASE_SERVICE_ROLE_KEY, the legacy name, is still read (see renamedField in @repo/env).
 * `skipValidation` (t3-env's option) is for a build that loads the app without its server env.
 */
export function clerkSyncEnv(
  runtimeEnv: Record<string, string | undefined>,
  appDir: string,
  { skipValidation = false } = {},
) {
  const where = `${appDir}/.env or the server env; server-only, never in client code`
  return createEnv({
    skipValidation,
    server: {
      SUPABASE_SECRET_KEY: renamedField(runtimeEnv, 'SUPABASE_SECRET_KEY', (label) =>
        requiredText(
          `${label} is not set. The webhook route writes Clerk's users into Supabase with it. ${LOCAL} (from local-supabase); for hosted Supabase it is in the dashboard under Project Settings > API Keys (a secret key, sb_secret_…, or the legacy service_role key). Set it in ${where}.`,
        ).refine((key) => supabaseKeyRole(key) !== 'anon', {
          // Refused at start: with it, every delivery would fail at the database, far from the
          // cause.
          error: `${label} holds the publishable (anon) key. The webhook route needs a secret key (sb_secret_…, or the legacy service_role key) from the Supabase dashboard > Project Settings > API Keys.`,
        }),
      ),
      CLERK_WEBHOOK_SIGNING_SECRET: requiredText(
        `CLERK_WEBHOOK_SIGNING_SECRET is not set. It verifies Clerk's webhook deliveries. ${LOCAL} (from the Clerk emulator); for Clerk it is the endpoint's Signing Secret in the Clerk dashboard > Webhooks. Set it in ${where}.`,
      ).refine((secret) => secret.startsWith('whsec_'), {
        error:
          'CLERK_WEBHOOK_SIGNING_SECRET must start with whsec_ (copy the Signing Secret of the webhook endpoint in the Clerk dashboard).',
      }),
    },
    runtimeEnv,
    onValidationError: throwEnvError(`Clerk webhooks are not configured for ${appDir}`),
  })
}
