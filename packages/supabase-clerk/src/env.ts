// The Clerk and Supabase variables every app needs, written once: each framework's preset
// (./next/env.ts, ./remix/env.ts) gives them that framework's names and says where to set them.
import { httpUrl, optionalText, requiredText, supabaseKeyRole } from '@repo/env'

/** The two values every Supabase client here is made from. */
export interface SupabaseEnv {
  supabaseUrl: string
  supabaseKey: string
}

const LOCAL_SUPABASE = 'Locally it is printed by local-supabase (`pnpm dev`)'
const PROJECT_URL_FROM = `${LOCAL_SUPABASE}; for hosted Supabase it is in the dashboard under Project Settings > Data API (Project URL)`
const PUBLISHABLE_KEY_FROM = `${LOCAL_SUPABASE}; for hosted Supabase it is in the dashboard under Project Settings > API Keys (the publishable key, sb_publishable_…, or the legacy anon key)`
const CLERK_DASHBOARD = 'Clerk dashboard > API keys'
const CLERK_LOCAL =
  'For the local stack, run `pnpm dev` or `pnpm preview` (they set this from the Clerk emulator)'

/** @param note said after each problem, e.g. why a NEXT_PUBLIC_ prefix is needed */
export function supabaseUrlField(name: string, note: string) {
  return httpUrl(
    `${name} is not set. It is the Supabase project URL. ${PROJECT_URL_FROM}. ${note}`,
    (value) =>
      `${name} must be an http(s) URL such as http://127.0.0.1:54321 or https://<project>.supabase.co (got "${value}"). ${note}`,
  ).transform((url) => url.replace(/\/+$/, ''))
}

/**
 * The publishable key: `sb_publishable_…`, or a legacy anon JWT. A secret key (`sb_secret_…`, or
 * a legacy service_role JWT) is refused: it bypasses RLS, and these clients may run in the
 * browser.
 *
 * @param label how messages name the variable (see renamedField in @repo/env)
 */
export function supabaseKeyField(label: string, note: string) {
  return requiredText(
    `${label} is not set. It is the Supabase publishable key. ${PUBLISHABLE_KEY_FROM}. ${note}`,
  ).refine((key) => supabaseKeyRole(key) !== 'service_role', {
    error: `${label} holds a secret (service_role) key, which bypasses Row Level Security and must never reach a browser. Use the publishable key (sb_publishable_…, or the legacy anon key) instead.`,
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

export function clerkSecretKeyField(name: string, whereToSet: string) {
  return requiredText(
    `${name} is not set. Copy it from the ${CLERK_DASHBOARD} into ${whereToSet}. ${CLERK_LOCAL}.`,
  )
}

/** Optional: with it, Clerk verifies session tokens without a network call. */
export const clerkJwtKeyField = optionalText
