import { getAuth } from '@clerk/react-router/server'
import {
  type ClerkSupabaseClient,
  createClerkSupabaseClient,
  type SupabaseEnv,
} from '@repo/supabase-clerk'

/**
 * For loaders and actions: a client for the user of this request, made per request. Needs
 * clerkMiddleware() in the root route's middleware.
 */
export function createServerSupabaseClient(
  args: Parameters<typeof getAuth>[0],
  env: SupabaseEnv,
): ClerkSupabaseClient {
  return createClerkSupabaseClient({
    ...env,
    getToken: async () => (await getAuth(args)).getToken(),
  })
}
