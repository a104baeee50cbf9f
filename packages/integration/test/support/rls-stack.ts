import type { Database } from '@repo/db'
import { type LocalSupabase, startLocalSupabase } from '@repo/local-supabase'
import { createTestIssuer, type TestIssuer } from '@repo/local-supabase/testing'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'

export interface RlsStack {
  stack: LocalSupabase
  /** Mints session tokens the stack trusts, with whatever claims a test needs. */
  issuer: TestIssuer
  /** The service key's client: bypasses RLS, to set rows up and check what really changed. */
  service: SupabaseClient<Database>
}

/** A migrated local Supabase trusting a test issuer's JWKS, as Supabase trusts Clerk's. */
export async function startRlsStack(): Promise<RlsStack> {
  const issuer = await createTestIssuer()
  const stack = await startLocalSupabase({
    trustedJwks: { jwks: issuer.jwks },
    onLog: () => undefined,
  })
  const service = createClient<Database>(stack.url, stack.serviceRoleKey, {
    auth: { persistSession: false },
  })
  return { stack, issuer, service }
}
