import { serverSupabaseClerkEnv } from '../server-env.ts'

/** Clerk's and Supabase's variables for a Remix app, for its env module's `extends`. */
export function supabaseClerkEnv(runtimeEnv: Record<string, string | undefined>) {
  return serverSupabaseClerkEnv(runtimeEnv, 'apps/remix')
}
