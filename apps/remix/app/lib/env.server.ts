// The settings this app needs, checked together so one message names every missing variable and
// where its value comes from. Evaluated when the server build is imported, so remix-serve stops
// at start with that message instead of failing each request. (Supabase's half is
// @repo/supabase-clerk/remix's check.)

import { type SupabaseEnv, SupabaseEnvError } from '@repo/supabase-clerk'
import { readRemixSupabaseEnv } from '@repo/supabase-clerk/remix/server'

const CLERK_DASHBOARD = 'Clerk dashboard > API keys'
const LOCAL =
  'For the local stack, run `pnpm dev` or `pnpm preview` (they set this from the Clerk emulator)'

export class AppEnvError extends Error {
  override name = 'AppEnvError'
}

function clerkProblems(): string[] {
  const problems: string[] = []
  const publishableKey = process.env.CLERK_PUBLISHABLE_KEY
  if (!publishableKey) {
    problems.push(
      `CLERK_PUBLISHABLE_KEY is not set. Copy it from the ${CLERK_DASHBOARD} into the server env (apps/remix/.env under \`pnpm dev\`). ${LOCAL}.`,
    )
  } else if (!/^pk_(test|live)_/.test(publishableKey)) {
    problems.push(
      `CLERK_PUBLISHABLE_KEY must start with pk_test_ or pk_live_ (${CLERK_DASHBOARD}).`,
    )
  }
  if (!process.env.CLERK_SECRET_KEY) {
    problems.push(
      `CLERK_SECRET_KEY is not set. Copy it from the ${CLERK_DASHBOARD} into the server env (apps/remix/.env under \`pnpm dev\`; server-only). ${LOCAL}.`,
    )
  }
  return problems
}

/** Every setting at once; throws one error that lists each problem on its own line. */
export function readAppEnv(): { supabase: SupabaseEnv } {
  const problems = clerkProblems()
  let supabase: SupabaseEnv | undefined
  try {
    supabase = readRemixSupabaseEnv()
  } catch (error) {
    if (!(error instanceof SupabaseEnvError)) throw error
    problems.push(...error.problems)
  }
  if (problems.length > 0 || !supabase) {
    throw new AppEnvError(`apps/remix is not configured:\n- ${problems.join('\n- ')}`)
  }
  return { supabase }
}

/** Read once, when the server starts. */
export const appEnv = readAppEnv()
