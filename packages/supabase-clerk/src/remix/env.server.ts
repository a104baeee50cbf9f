import { type SupabaseEnv, validateSupabaseEnv } from '../env.ts'

/**
 * Remix reads env on the server only; the root loader hands these two (public) values to the
 * browser, which passes them to useClerkSupabaseClient().
 */
export function readRemixSupabaseEnv(): SupabaseEnv {
  return validateSupabaseEnv(
    { url: process.env.SUPABASE_URL, key: process.env.SUPABASE_KEY },
    {
      url: 'SUPABASE_URL',
      key: 'SUPABASE_KEY',
      note: 'Set it in apps/remix/.env (or the server env); the root loader passes it to the browser.',
    },
  )
}
