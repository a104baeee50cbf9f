import { ZodError } from 'zod'
import type { ClerkWebhookEvent } from './events.ts'
import { type ClerkSyncEnv, MirrorUnavailableError, mirrorClient, syncClerkEvent } from './sync.ts'

/**
 * The delivery's id as the signature covers it, which is the ledger's key. The SDKs read
 * `headers.get('svix-id')?.trim()` (@clerk/backend's verifyWebhook, before standardwebhooks signs
 * `${id}.${timestamp}.${body}`), and String.prototype.trim also takes a no-break space, a vertical
 * tab and a form feed, which a Request keeps: a captured delivery replayed with one verifies as
 * the same message, so it must meet the ledger under the same id. `verify` is handed a request
 * carrying this id itself, so the key and the verified id are one string whichever way the SDK
 * reads it.
 */
function verifiedSvixId(request: Request): string {
  return request.headers.get('svix-id')?.trim() ?? ''
}

/**
 * A webhook route's whole answer to a Clerk delivery. `verify` is the framework SDK's
 * verifyWebhook (Svix signature and timestamp tolerance), so each app keeps its own import.
 *
 * - 400 when the signature or timestamp is wrong, or a kept event lacks what the mirror needs or
 *   has an impossible date (`fields` names each, as `data.updated_at`): nothing is touched, and a
 *   retry would fail the same way.
 * - 503 when the database did not take it: Clerk retries with backoff, and the delivery lands
 *   once (its svix-id is recorded in the same transaction).
 * - 200 otherwise, with what happened (`applied`, `duplicate`, `stale`, `deleted`, `ignored`).
 */
export async function handleClerkWebhook(
  request: Request,
  verify: (request: Request) => Promise<ClerkWebhookEvent>,
  env: ClerkSyncEnv,
): Promise<Response> {
  const svixId = verifiedSvixId(request)
  const headers = new Headers(request.headers)
  if (svixId) headers.set('svix-id', svixId)
  else headers.delete('svix-id')
  let event: ClerkWebhookEvent
  try {
    event = await verify(new Request(request, { headers }))
  } catch {
    return Response.json(
      { error: 'The webhook signature or timestamp is invalid.' },
      { status: 400 },
    )
  }
  try {
    const outcome = await syncClerkEvent(mirrorClient(env), svixId, event)
    return Response.json({ outcome })
  } catch (error) {
    if (error instanceof ZodError) {
      // Named in the answer, which only a signed sender gets: Svix logs it beside the failed
      // attempt, so whoever reads Clerk's delivery log knows which field to look at.
      const fields = [...new Set(error.issues.map((issue) => issue.path.map(String).join('.')))]
      console.error(`Clerk webhook ${svixId} (${event.type}) has an unexpected payload`, error)
      return Response.json(
        { error: `Unexpected ${event.type} payload at ${fields.join(', ')}.`, fields },
        { status: 400 },
      )
    }
    if (error instanceof MirrorUnavailableError) {
      console.error(error.message)
      return Response.json({ error: 'The database is unavailable; retry.' }, { status: 503 })
    }
    throw error
  }
}
