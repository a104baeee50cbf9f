import { auth } from '@clerk/nextjs/server'
import {
  type ClerkSupabaseClient,
  createClerkSupabaseClient,
  type SupabaseEnv,
} from '@repo/supabase-clerk'

/**
 * For Server Components, Server Actions and Route Handlers. Make one per request: auth() reads
 * the current request, so a client shared across requests would mix users.
 */
export function createServerSupabaseClient(env: SupabaseEnv): ClerkSupabaseClient {
  return createClerkSupabaseClient({
    ...env,
    getToken: async () => (await auth()).getToken(),
  })
}
