'use client'
import { useSession } from '@clerk/nextjs'
import type { ClerkSupabaseClient, SupabaseEnv } from '@repo/supabase-clerk'
import { useSessionSupabaseClient } from '@repo/supabase-clerk/react'

/**
 * For Client Components: a Supabase client carrying the signed-in user's Clerk token. `env` comes
 * from the app's env module (NEXT_PUBLIC_SUPABASE_URL and _PUBLISHABLE_KEY, inlined at build
 * time).
 */
export function useClerkSupabaseClient(env: SupabaseEnv): ClerkSupabaseClient {
  const { session } = useSession()
  return useSessionSupabaseClient(session, env)
}
