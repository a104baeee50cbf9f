// The two server-only values the webhook route needs, checked by each app's env module
// (`extends: [clerkSyncEnv(process.env, 'apps/next')]`). The service key is read nowhere else.
import { requiredText, throwEnvError } from '@repo/env'
import { createEnv } from '@t3-oss/env-core'

const LOCAL = 'For the local stack, `pnpm dev` sets it'

/** @param appDir where the app lives, for the messages (e.g. "apps/remix") */
export function clerkSyncEnv(runtimeEnv: Record<string, string | undefined>, appDir: string) {
  const where = `${appDir}/.env or the server env; server-only, never in client code`
  return createEnv({
    server: {
      SUPABASE_SERVICE_ROLE_KEY: requiredText(
        `SUPABASE_SERVICE_ROLE_KEY is not set. The webhook route writes Clerk's users into Supabase with it. ${LOCAL} (from local-supabase); for hosted Supabase it is in the dashboard under Project Settings > API Keys (service_role / secret). Set it in ${where}.`,
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
