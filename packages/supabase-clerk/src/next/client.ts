'use client'
import { useSession } from '@clerk/nextjs'
import type { ClerkSupabaseClient } from '../client.ts'
import { useSessionSupabaseClient } from '../use-session-client.ts'
import { readNextSupabaseEnv } from './env.ts'

/** For Client Components: a Supabase client carrying the signed-in user's Clerk token. */
export function useClerkSupabaseClient(): ClerkSupabaseClient {
  const { session } = useSession()
  return useSessionSupabaseClient(session, readNextSupabaseEnv())
}
