import { useSession } from '@clerk/remix'
import type { ClerkSupabaseClient, SupabaseEnv } from '@repo/supabase-clerk'
import { useSessionSupabaseClient } from '@repo/supabase-clerk/react'

/**
 * For route components: a Supabase client carrying the signed-in user's Clerk token. `env` comes
 * from the root loader, which reads it from the app's env module.
 */
export function useClerkSupabaseClient(env: SupabaseEnv): ClerkSupabaseClient {
  const { session } = useSession()
  return useSessionSupabaseClient(session, env)
}
