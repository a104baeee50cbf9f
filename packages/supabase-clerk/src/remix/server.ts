import { getAuth } from '@clerk/remix/ssr.server'
import { type ClerkSupabaseClient, createClerkSupabaseClient } from '../client.ts'
import { readRemixSupabaseEnv } from './env.server.ts'

export { readRemixSupabaseEnv } from './env.server.ts'

/** For loaders and actions: a client for the user of this request, made per request. */
export function createServerSupabaseClient(
  args: Parameters<typeof getAuth>[0],
): ClerkSupabaseClient {
  return createClerkSupabaseClient({
    ...readRemixSupabaseEnv(),
    getToken: async () => (await getAuth(args)).getToken(),
  })
}
