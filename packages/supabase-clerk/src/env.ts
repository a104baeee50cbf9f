// The Clerk and Supabase variables every app needs, written once: each framework's preset
// (./next/env.ts, ./remix/env.ts) gives them that framework's names and says where to set them.
import { httpUrl, optionalText, requiredText } from '@repo/env'

/** The two values every Supabase client here is made from. */
export interface SupabaseEnv {
  supabaseUrl: string
  supabaseKey: string
}

const SUPABASE_WHERE_FROM =
  'Locally it is printed by local-supabase (`pnpm dev`); for hosted Supabase it is in the dashboard under Project Settings > Data API'
const CLERK_DASHBOARD = 'Clerk dashboard > API keys'
const CLERK_LOCAL =
  'For the local stack, run `pnpm dev` or `pnpm preview` (they set this from the Clerk emulator)'

function isServiceRoleJwt(key: string): boolean {
  const payload = key.split('.')[1]
  if (!payload) return false
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/')
    return JSON.parse(atob(base64)).role === 'service_role'
  } catch {
    return false
  }
}

/** @param note said after each problem, e.g. why a NEXT_PUBLIC_ prefix is needed */
export function supabaseUrlField(name: string, note: string) {
  return httpUrl(
    `${name} is not set. It is the Supabase project URL. ${SUPABASE_WHERE_FROM} (Project URL). ${note}`,
    (value) =>
      `${name} must be an http(s) URL such as http://127.0.0.1:54321 or https://<project>.supabase.co (got "${value}"). ${note}`,
  ).transform((url) => url.replace(/\/+$/, ''))
}

/**
 * The anon (publishable) key. A secret / service_role key is refused: it bypasses RLS, and these
 * clients may run in the browser.
 */
export function supabaseKeyField(name: string, note: string) {
  return requiredText(
    `${name} is not set. It is the Supabase anon (publishable) key. ${SUPABASE_WHERE_FROM} (anon / publishable key). ${note}`,
  ).refine((key) => !key.startsWith('sb_secret_') && !isServiceRoleJwt(key), {
    error: `${name} holds a secret (service_role) key, which bypasses Row Level Security and must never reach a browser. Use the anon (publishable) key instead.`,
  })
}

/** @param whereToSet the file or env it belongs in, and anything the framework adds */
export function clerkPublishableKeyField(name: string, whereToSet: string) {
  return requiredText(
    `${name} is not set. Copy it from the ${CLERK_DASHBOARD} into ${whereToSet}. ${CLERK_LOCAL}.`,
  ).refine((key) => /^pk_(test|live)_/.test(key), {
    error: `${name} must start with pk_test_ or pk_live_ (${CLERK_DASHBOARD}).`,
  })
}

export function clerkSecretKeyField(whereToSet: string) {
  return requiredText(
    `CLERK_SECRET_KEY is not set. Copy it from the ${CLERK_DASHBOARD} into ${whereToSet}. ${CLERK_LOCAL}.`,
  )
}

/** Optional: with it, Clerk verifies session tokens without a network call. */
export const clerkJwtKeyField = optionalText
