import { useInsertionEffect, useMemo, useRef } from 'react'
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
  // Updated before any other effect runs (children's effects, like a page's first fetch, run
  // before this component's), and only for a render React commits.
  const latest = useRef(session)
  useInsertionEffect(() => {
    latest.current = session
  })
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
