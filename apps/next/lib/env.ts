// The Clerk settings this app needs, checked once with messages that say where each comes from.
// (The Supabase ones are checked by @repo/supabase-clerk/next.)
const CLERK_DASHBOARD = 'Clerk dashboard > API keys'
const LOCAL = 'For the local stack, run `pnpm dev` (it sets this from the Clerk emulator)'

export class AppEnvError extends Error {
  override name = 'AppEnvError'
}

export function assertClerkEnv(): { jwtKey: string | undefined } {
  const publishableKey = process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY
  if (!publishableKey) {
    throw new AppEnvError(
      `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is not set. Copy it from the ${CLERK_DASHBOARD} into apps/next/.env.local and rebuild. ${LOCAL}.`,
    )
  }
  if (!/^pk_(test|live)_/.test(publishableKey)) {
    throw new AppEnvError(
      `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY must start with pk_test_ or pk_live_ (${CLERK_DASHBOARD}).`,
    )
  }
  if (!process.env.CLERK_SECRET_KEY) {
    throw new AppEnvError(
      `CLERK_SECRET_KEY is not set. Copy it from the ${CLERK_DASHBOARD} into apps/next/.env.local (server-only, never NEXT_PUBLIC_). ${LOCAL}.`,
    )
  }
  return { jwtKey: process.env.CLERK_JWT_KEY || undefined }
}
