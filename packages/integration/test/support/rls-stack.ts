import type { Database } from '@repo/db'
import { type LocalSupabase, startLocalSupabase } from '@repo/local-supabase'
import { createTestIssuer, type SessionClaims, type TestIssuer } from '@repo/local-supabase/testing'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'

export interface RlsStack {
  stack: LocalSupabase
  /** Mints session tokens the stack trusts, with whatever claims a test needs. */
  issuer: TestIssuer
  /** The service key's client: bypasses RLS, to set rows up and check what really changed. */
  service: SupabaseClient<Database>
  /**
   * A client that sends the publishable key and a session token with these claims, as the apps'
   * clients send Clerk's: what that user may do is what RLS and the grants let them. `DB` is the
   * schema type, for a table `Database` does not know yet (a test's scratch migration).
   */
  clientAs<DB = Database>(claims: SessionClaims): Promise<SupabaseClient<DB>>
}

export interface RlsStackOptions {
  /** Another migrations folder (default: supabase/migrations), e.g. the kit's plus a scratch one. */
  migrationsDir?: string
}

/** A migrated local Supabase trusting a test issuer's JWKS, as Supabase trusts Clerk's. */
export async function startRlsStack(options: RlsStackOptions = {}): Promise<RlsStack> {
  const issuer = await createTestIssuer()
  const stack = await startLocalSupabase({
    trustedJwks: { jwks: issuer.jwks },
    migrationsDir: options.migrationsDir,
    onLog: () => undefined,
  })
  const service = createClient<Database>(stack.url, stack.serviceRoleKey, {
    auth: { persistSession: false },
  })
  async function clientAs<DB = Database>(claims: SessionClaims): Promise<SupabaseClient<DB>> {
    const token = await issuer.sessionToken(claims)
    return createClient<DB>(stack.url, stack.anonKey, {
      auth: { persistSession: false },
      accessToken: async () => token,
    })
  }
  return { stack, issuer, service, clientAs }
}
