// The settings this app needs, checked together so one message names every missing variable and
// where its value comes from. instrumentation.ts runs it when the server starts; proxy.ts reads
// the Clerk half from it. (Supabase's half is @repo/supabase-clerk/next's check.)
import { SupabaseEnvError } from '@repo/supabase-clerk'
import { readNextSupabaseEnv } from '@repo/supabase-clerk/next/env'

const CLERK_DASHBOARD = 'Clerk dashboard > API keys'
const LOCAL =
  'For the local stack, run `pnpm dev` or `pnpm preview` (they set this from the Clerk emulator)'

export class AppEnvError extends Error {
  override name = 'AppEnvError'
}

function clerkProblems(): string[] {
  const problems: string[] = []
  const publishableKey = process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY
  if (!publishableKey) {
    problems.push(
      `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is not set. Copy it from the ${CLERK_DASHBOARD} into apps/next/.env.local (or the build env) and rebuild: Next inlines it at build time. ${LOCAL}.`,
    )
  } else if (!/^pk_(test|live)_/.test(publishableKey)) {
    problems.push(
      `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY must start with pk_test_ or pk_live_ (${CLERK_DASHBOARD}).`,
    )
  }
  if (!process.env.CLERK_SECRET_KEY) {
    problems.push(
      `CLERK_SECRET_KEY is not set. Copy it from the ${CLERK_DASHBOARD} into apps/next/.env.local or the server env (server-only, never NEXT_PUBLIC_). ${LOCAL}.`,
    )
  }
  return problems
}

/** Every setting at once; throws one error that lists each problem on its own line. */
export function assertAppEnv(): void {
  const problems = clerkProblems()
  try {
    readNextSupabaseEnv()
  } catch (error) {
    if (!(error instanceof SupabaseEnvError)) throw error
    problems.push(...error.problems)
  }
  if (problems.length > 0) {
    throw new AppEnvError(`apps/next is not configured:\n- ${problems.join('\n- ')}`)
  }
}

export function clerkEnv(): { jwtKey: string | undefined } {
  const problems = clerkProblems()
  if (problems.length > 0) throw new AppEnvError(problems.join('\n'))
  return { jwtKey: process.env.CLERK_JWT_KEY || undefined }
}
