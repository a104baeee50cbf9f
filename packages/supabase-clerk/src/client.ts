import type { Database } from '@repo/db'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import type { SupabaseEnv } from './env.ts'
import { ClerkTokenError } from './errors.ts'

export type ClerkSupabaseClient = SupabaseClient<Database>

export interface ClerkSupabaseClientOptions extends SupabaseEnv {
  /**
   * Returns the current Clerk session token, or null when signed out (requests then go as the
   * anon role, which the database refuses). Called before every request, so rotation is picked up.
   */
  getToken: () => Promise<string | null>
  /** A fetch to use instead of the global one (tests, instrumentation). */
  fetch?: typeof fetch
  /**
   * supabase-js retries failed reads with 1 s, 2 s, 4 s backoff. Off by default here: a page
   * should say at once that the data API is down (or that Clerk gave no token) rather than hang
   * for seven seconds.
   */
  retry?: boolean
}

/**
 * A supabase-js client that sends the Clerk session token with every request: Supabase's
 * `accessToken` option (Clerk's native Supabase integration, no JWT template).
 */
export function createClerkSupabaseClient({
  supabaseUrl,
  supabaseKey,
  getToken,
  fetch,
  retry = false,
}: ClerkSupabaseClientOptions): ClerkSupabaseClient {
  const client = createClient<Database>(supabaseUrl, supabaseKey, {
    accessToken: async () => {
      try {
        return await getToken()
      } catch (error) {
        throw new ClerkTokenError(error)
      }
    },
    db: { retry },
    global: { fetch },
  })
  client.auth = inspectableAuth(client.auth)
  return client
}

/**
 * With `accessToken` set, supabase-js replaces `client.auth` with a Proxy that throws on every
 * property read, symbols included. Tools that merely look at an object read symbols: React 19's
 * development build diffs a re-rendered component's changed props three levels deep for its
 * performance tracks, calling `Object.prototype.toString` (which reads `Symbol.toStringTag`).
 * A client passed as a prop, re-created when the Clerk session arrives, then throws inside
 * React's commit and wedges the page (`next dev`: "Loading tasks…" forever, then "Should not
 * already be working"). Symbol reads answer like a plain empty object; any named member still
 * throws supabase-js's own error, because Clerk, not Supabase Auth, owns the session here.
 */
function inspectableAuth(auth: ClerkSupabaseClient['auth']): ClerkSupabaseClient['auth'] {
  return new Proxy({} as ClerkSupabaseClient['auth'], {
    get: (_target, property) =>
      typeof property === 'symbol' ? undefined : Reflect.get(auth, property),
  })
}
