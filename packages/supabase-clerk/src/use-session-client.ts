import { useMemo, useRef } from 'react'
import { type ClerkSupabaseClient, createClerkSupabaseClient } from './client.ts'
import type { SupabaseEnv } from './env.ts'

/** The part of a Clerk session both React SDKs' useSession() give. */
export interface TokenSession {
  id: string
  getToken(): Promise<string | null>
}

/**
 * One client per Clerk session, not one per render: React re-renders and token refreshes hand
 * out new session objects for the same id. Each client asks the newest of them for its token:
 * an older object still mints tokens for the organization that was active when it was made, so
 * after a switch in <OrganizationSwitcher/> it would keep reading the previous organization's
 * rows (and write its token to the __session cookie the server pages read).
 */
export function useSessionSupabaseClient(
  session: TokenSession | null | undefined,
  env: SupabaseEnv,
): ClerkSupabaseClient {
  const sessionId = session?.id
  const { supabaseUrl, supabaseKey } = env
  // Set while rendering, not in an effect: children's effects (the first fetch) run first.
  const latest = useRef(session)
  latest.current = session
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by session id on purpose (see above)
  return useMemo(
    () =>
      createClerkSupabaseClient({
        supabaseUrl,
        supabaseKey,
        getToken: async () => (sessionId ? ((await latest.current?.getToken()) ?? null) : null),
      }),
    [sessionId, supabaseUrl, supabaseKey],
  )
}
