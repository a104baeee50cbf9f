import { type SupabaseEnv, validateSupabaseEnv } from '../env.ts'

/**
 * Next.js inlines NEXT_PUBLIC_* into browser code at build time, and only when referenced
 * literally as process.env.NEXT_PUBLIC_..., so both are spelled out here.
 */
export function readNextSupabaseEnv(): SupabaseEnv {
  return validateSupabaseEnv(
    {
      url: process.env.NEXT_PUBLIC_SUPABASE_URL,
      key: process.env.NEXT_PUBLIC_SUPABASE_KEY,
    },
    {
      url: 'NEXT_PUBLIC_SUPABASE_URL',
      key: 'NEXT_PUBLIC_SUPABASE_KEY',
      note: 'Next.js exposes only NEXT_PUBLIC_-prefixed variables to browser code, and inlines them at build time: set it in apps/next/.env.local (or the deployment env) and rebuild.',
    },
  )
}
