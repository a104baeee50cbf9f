import { auth } from '@clerk/nextjs/server'
import { type ClerkSupabaseClient, createClerkSupabaseClient } from '../client.ts'
import { readNextSupabaseEnv } from './env.ts'

/**
 * For Server Components, Server Actions and Route Handlers. Make one per request: auth() reads
 * the current request, so a client shared across requests would mix users.
 */
export function createServerSupabaseClient(): ClerkSupabaseClient {
  return createClerkSupabaseClient({
    ...readNextSupabaseEnv(),
    getToken: async () => (await auth()).getToken(),
  })
}
