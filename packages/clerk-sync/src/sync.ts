import type { Database } from '@repo/db'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import { type ClerkWebhookEvent, mirrorChange } from './events.ts'

/** What a delivery did to the mirror ('ignored': an event type the mirror does not keep). */
export type SyncOutcome = 'applied' | 'duplicate' | 'stale' | 'deleted' | 'ignored'

/** Where the mirror is, and the service key that alone may write it. Server-only. */
export interface ClerkSyncEnv {
  supabaseUrl: string
  serviceRoleKey: string
}

export class MirrorUnavailableError extends Error {
  override name = 'MirrorUnavailableError'
}

const clients = new Map<string, SupabaseClient<Database>>()

/** One service-key client per project and key, made on first use. */
export function mirrorClient(env: ClerkSyncEnv): SupabaseClient<Database> {
  const key = `${env.supabaseUrl} ${env.serviceRoleKey}`
  let client = clients.get(key)
  if (!client) {
    client = createClient<Database>(env.supabaseUrl, env.serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false },
    })
    clients.set(key, client)
  }
  return client
}

/**
 * Applies one verified delivery to the mirror in one transaction (a database function), keyed by
 * its svix-id. Throws MirrorUnavailableError when the database did not take it, so the caller
 * answers 5xx and Clerk delivers it again.
 */
export async function syncClerkEvent(
  client: SupabaseClient<Database>,
  svixId: string,
  event: ClerkWebhookEvent,
): Promise<SyncOutcome> {
  const change = mirrorChange(event)
  if (!change) return 'ignored'
  // Cast: the generated types pair no fn with its args across this union, and type every function
  // argument non-null, while these functions take null for a missing email or image.
  const { data, error } = await client.rpc(change.fn, {
    p_svix_id: svixId,
    p_event_type: event.type,
    ...change.args,
  } as never)
  if (error) {
    throw new MirrorUnavailableError(`${change.fn} failed for ${svixId}: ${error.message}`)
  }
  return data as SyncOutcome
}
