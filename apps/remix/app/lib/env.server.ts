// The Clerk settings this app needs, checked with messages that say where each comes from.
// (The Supabase ones are checked by readRemixSupabaseEnv from @repo/supabase-clerk.)
const CLERK_DASHBOARD = 'Clerk dashboard > API keys'
const LOCAL = 'For the local stack, run `pnpm dev` (it sets this from the Clerk emulator)'

export class AppEnvError extends Error {
  override name = 'AppEnvError'
}

export function assertClerkEnv(): void {
  const publishableKey = process.env.CLERK_PUBLISHABLE_KEY
  if (!publishableKey) {
    throw new AppEnvError(
      `CLERK_PUBLISHABLE_KEY is not set. Copy it from the ${CLERK_DASHBOARD} into apps/remix/.env or the server env. ${LOCAL}.`,
    )
  }
  if (!/^pk_(test|live)_/.test(publishableKey)) {
    throw new AppEnvError(
      `CLERK_PUBLISHABLE_KEY must start with pk_test_ or pk_live_ (${CLERK_DASHBOARD}).`,
    )
  }
  if (!process.env.CLERK_SECRET_KEY) {
    throw new AppEnvError(
      `CLERK_SECRET_KEY is not set. Copy it from the ${CLERK_DASHBOARD} into apps/remix/.env or the server env (server-only). ${LOCAL}.`,
    )
  }
}
