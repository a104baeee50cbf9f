import { useMemo } from 'react'
import { type ClerkSupabaseClient, createClerkSupabaseClient } from './client.ts'
import type { SupabaseEnv } from './env.ts'

/** The part of a Clerk session both React SDKs' useSession() give. */
export interface TokenSession {
  id: string
  getToken(): Promise<string | null>
}

/**
 * One client per Clerk session, not one per render: React re-renders and token refreshes hand
 * out new session objects for the same id, and every one of them mints that user's tokens.
 */
export function useSessionSupabaseClient(
  session: TokenSession | null | undefined,
  env: SupabaseEnv,
): ClerkSupabaseClient {
  const sessionId = session?.id
  const { supabaseUrl, supabaseKey } = env
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by session id on purpose (see above)
  return useMemo(
    () =>
      createClerkSupabaseClient({
        supabaseUrl,
        supabaseKey,
        getToken: async () => (sessionId ? ((await session?.getToken()) ?? null) : null),
      }),
    [sessionId, supabaseUrl, supabaseKey],
  )
}
