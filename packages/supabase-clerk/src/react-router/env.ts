import { serverSupabaseClerkEnv } from '../server-env.ts'

/** Clerk's and Supabase's variables for a React Router app, for its env module's `extends`. */
export function supabaseClerkEnv(runtimeEnv: Record<string, string | undefined>) {
  return serverSupabaseClerkEnv(runtimeEnv, 'apps/react-router')
}
