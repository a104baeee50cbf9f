import { ZodError } from 'zod'
import type { ClerkWebhookEvent } from './events.ts'
import { type ClerkSyncEnv, MirrorUnavailableError, mirrorClient, syncClerkEvent } from './sync.ts'
import { WEBHOOK_VARIABLES, WEBHOOKS_OFF } from './webhook-variables.ts'

/**
 * The answer to any method but POST, the only one Clerk sends: 405 with the Allow header RFC 9110
 * asks of it. For a framework that routes every method to one function (Remix's and React
 * Router's `loader` and `action`), so its route answers as Next does for a method it does not
 * export, without reaching the handler.
 */
export function webhookMethodNotAllowed(): Response {
  return Response.json(
    { error: 'Clerk webhooks are POST requests.' },
    { status: 405, headers: { allow: 'POST' } },
  )
}

/**
 * The answer while webhooks are off (neither CLERK_WEBHOOK_SIGNING_SECRET nor the Supabase secret
 * key is set): 503, so Svix keeps the deliveries and retries them once the app is configured, with
 * a body naming both variables for whoever reads the endpoint's log in the Clerk dashboard.
 */
export function webhooksOff(): Response {
  return Response.json(
    { error: WEBHOOKS_OFF, missing: [...WEBHOOK_VARIABLES] },
    { status: 503, headers: { 'retry-after': '3600' } },
  )
}

/**
 * The most body bytes a webhook route reads: 1 MiB. Svix, which sends Clerk's webhooks, documents
 * message payloads of up to ~350 kB (the message.create reference), and a Clerk event is one
 * user, organization or membership object, a few kB. So no delivery of Clerk's comes near it,
 * with room for Svix's "~", while a forged 16 MB body costs a megabyte, not its whole size, before
 * its 413. Smaller would risk refusing a real delivery, which Clerk cannot send any smaller.
 */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024

/**
 * The body's bytes, or undefined once there are more than `cap` of them. A declared length over
 * the cap is refused before reading; an absent or false one cannot get past counting the bytes as
 * they stream. Past the cap nothing more is kept, but the rest is read and dropped in the
 * background: cancelling the stream makes Node's server (Remix's and React Router's) reset the
 * connection, and the sender would see that instead of the 413. Node's requestTimeout bounds how
 * long a sender may keep sending.
 */
async function readCapped(
  request: Request,
  cap: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > cap) {
    if (request.body) discardRest(request.body.getReader())
    return undefined
  }
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > cap) {
      discardRest(reader)
      return undefined
    }
    chunks.push(value)
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

/** Reads a refused body to its end, keeping nothing; not awaited, so the 413 goes at once. */
function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  const next = (): Promise<void> => reader.read().then(({ done }) => (done ? undefined : next()))
  next().catch(() => undefined)
}

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
 * - 405 for any method but POST (webhookMethodNotAllowed), unread.
 * - 413 for a body over MAX_WEBHOOK_BODY_BYTES, before verifying and read no further than that.
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
  // The routes let only POST through; this is for a mount that does not, and reads nothing.
  if (request.method !== 'POST') return webhookMethodNotAllowed()
  const body = await readCapped(request, MAX_WEBHOOK_BODY_BYTES)
  if (!body) {
    return Response.json(
      { error: `The body is larger than any Clerk webhook (${MAX_WEBHOOK_BODY_BYTES} bytes).` },
      { status: 413 },
    )
  }
  const svixId = verifiedSvixId(request)
  const headers = new Headers(request.headers)
  if (svixId) headers.set('svix-id', svixId)
  else headers.delete('svix-id')
  let event: ClerkWebhookEvent
  try {
    // The bytes already read, so verify reads no more than the cap either.
    event = await verify(
      new Request(request.url, {
        method: request.method,
        headers,
        body,
      }),
    )
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
