// The handler's answers to deliveries, with a stand-in for the data API (support/fake-mirror.ts)
// and a `verify` that accepts every signature: what reaches `verify`, and what reaches the
// database, is the handler's decision. packages/integration/test/clerk-sync.test.ts runs the same
// handler with the real verifyWebhook and real PostgREST.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ClerkWebhookEvent } from '../src/events.ts'
import { handleClerkWebhook, MAX_WEBHOOK_BODY_BYTES, webhooksOff } from '../src/handler.ts'
import { type FakeMirror, startFakeMirror } from './support/fake-mirror.ts'

const UPDATED_AT = Date.UTC(2026, 10, 28, 12, 0, 0)

let mirror: FakeMirror
beforeAll(async () => {
  mirror = await startFakeMirror()
})
afterAll(async () => {
  await mirror?.stop()
})
beforeEach(() => {
  mirror.calls.length = 0
})

/**
 * What @clerk/backend's verifyWebhook does once a signature holds: it reads the body as text and
 * returns the parsed event. `verified` keeps the svix-id it signed over, which the SDK takes as
 * `headers.get('svix-id')?.trim()` (standardwebhooks signs `${id}.${timestamp}.${body}`).
 */
function acceptingVerify() {
  const verified: string[] = []
  const verify = async (request: Request): Promise<ClerkWebhookEvent> => {
    verified.push(request.headers.get('svix-id')?.trim() ?? '')
    return JSON.parse(await request.text()) as ClerkWebhookEvent
  }
  return { verify, verified }
}

const signedHeaders = (id = 'msg_1', extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  'svix-id': id,
  'svix-timestamp': String(Math.floor(Date.now() / 1000)),
  'svix-signature': 'v1,accepted-by-this-test',
  ...extra,
})

function delivery(event: object, init: { id?: string } = {}): Request {
  return new Request('http://app.test/api/webhooks/clerk', {
    method: 'POST',
    headers: signedHeaders(init.id),
    body: JSON.stringify({ object: 'event', timestamp: UPDATED_AT, ...event }),
  })
}

/**
 * A body of `total` bytes in 64 KiB chunks, as a sender streams it. Past `holdAfter` bytes the
 * sender waits until `release()`, so a test can see what the handler answers while it is still
 * sending; `finished` settles once the body was read to its end.
 */
function streamedBody(total: number, holdAfter = Number.POSITIVE_INFINITY) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20)
  const counter = { pulled: 0, cancelled: false }
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let finish = () => {}
  const finished = new Promise<void>((resolve) => {
    finish = resolve
  })
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (counter.pulled >= total) {
        controller.close()
        finish()
        return
      }
      if (counter.pulled >= holdAfter) await released
      counter.pulled += chunk.byteLength
      controller.enqueue(chunk)
    },
    cancel() {
      counter.cancelled = true
      finish()
    },
  })
  return { stream, counter, chunkBytes: chunk.byteLength, release, finished }
}

const userUpdated = (fields: Record<string, unknown> = {}) => ({
  type: 'user.updated',
  data: {
    id: 'user_1',
    first_name: 'Ada',
    last_name: 'Lovelace',
    email_addresses: [],
    updated_at: UPDATED_AT,
    ...fields,
  },
})

const forbiddenVerify = async (): Promise<ClerkWebhookEvent> => {
  throw new Error('verify must not be reached')
}

describe('handleClerkWebhook', () => {
  it('applies a verified delivery through its database function', async () => {
    const { verify } = acceptingVerify()
    const response = await handleClerkWebhook(delivery(userUpdated()), verify, mirror.env)
    expect([response.status, await response.json()]).toEqual([200, { outcome: 'applied' }])
    expect(mirror.calls.map((call) => [call.fn, call.args.p_svix_id])).toEqual([
      ['clerk_apply_user', 'msg_1'],
    ])
  })

  it('keys the ledger on the svix-id exactly as verified, so a padded replay is the same delivery', async () => {
    // A Request strips only spaces and tabs from a header's ends; the SDK's trim also takes a
    // no-break space, a vertical tab and a form feed, so each still verifies as msg_1.
    for (const padded of ['msg_1\u00a0', '\u00a0msg_1', 'msg_1\u000b', '\u000cmsg_1']) {
      const { verify, verified } = acceptingVerify()
      await handleClerkWebhook(delivery(userUpdated(), { id: padded }), verify, mirror.env)
      expect(verified, JSON.stringify(padded)).toEqual(['msg_1'])
    }
    expect(mirror.calls.map((call) => call.args.p_svix_id)).toEqual([
      'msg_1',
      'msg_1',
      'msg_1',
      'msg_1',
    ])
  })

  it('answers 400 naming the field to a signed delivery with an impossible date, and writes nothing', async () => {
    const cases = [
      [{ type: 'user.deleted', data: { id: 'user_1' }, timestamp: 'soon' }, 'timestamp'],
      [{ type: 'user.deleted', data: { id: 'user_1' }, timestamp: 1e20 }, 'timestamp'],
      [userUpdated({ updated_at: 1e300 }), 'data.updated_at'],
      [userUpdated({ updated_at: -1 }), 'data.updated_at'],
    ] as const
    for (const [event, field] of cases) {
      const { verify } = acceptingVerify()
      const response = await handleClerkWebhook(delivery(event), verify, mirror.env)
      const body = (await response.json()) as { error: string; fields: string[] }
      expect([response.status, body.fields], JSON.stringify(event)).toEqual([400, [field]])
      expect(body.error).toContain(field)
    }
    expect(mirror.calls).toEqual([])
  })

  it('ignores an event type the mirror does not keep, whatever its timestamp', async () => {
    const { verify } = acceptingVerify()
    const event = { type: 'session.created', data: { id: 'sess_1' }, timestamp: 'soon' }
    const response = await handleClerkWebhook(delivery(event), verify, mirror.env)
    expect([response.status, await response.json()]).toEqual([200, { outcome: 'ignored' }])
    expect(mirror.calls).toEqual([])
  })

  it('answers 405 with Allow: POST to every other method, unread and unverified', async () => {
    for (const method of ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const { stream, counter } = streamedBody(16 * 1024 * 1024)
      const withBody = !['GET', 'HEAD'].includes(method)
      const request = new Request('http://app.test/api/webhooks/clerk', {
        method,
        headers: signedHeaders(),
        ...(withBody ? { body: stream, duplex: 'half' } : {}),
      } as RequestInit)
      const response = await handleClerkWebhook(request, forbiddenVerify, mirror.env)
      expect([response.status, response.headers.get('allow')], method).toEqual([405, 'POST'])
      if (withBody) expect(counter.pulled, method).toBeLessThanOrEqual(64 * 1024)
    }
    expect(mirror.calls).toEqual([])
  })

  describe('a body larger than any Clerk delivery', () => {
    // The 413 goes while the sender is still sending; the rest is then read and dropped, not
    // cancelled: cancelling makes Node's server (Remix's, React Router's) reset the connection,
    // and the sender would see a reset instead of the 413.
    it('is refused with 413 from its content-length, before its bytes and unverified', async () => {
      const total = 16 * 1024 * 1024
      const { stream, counter, chunkBytes, release, finished } = streamedBody(total, 64 * 1024)
      const request = new Request('http://app.test/api/webhooks/clerk', {
        method: 'POST',
        headers: signedHeaders('msg_1', { 'content-length': String(total) }),
        body: stream,
        duplex: 'half',
      } as RequestInit)
      const response = await handleClerkWebhook(request, forbiddenVerify, mirror.env)
      expect(response.status).toBe(413)
      // A stream pulls its first chunks when made; the answer did not wait for more.
      expect(counter.pulled).toBeLessThanOrEqual(2 * chunkBytes)
      expect(mirror.calls).toEqual([])
      release()
      await finished
      expect(counter).toEqual({ pulled: total, cancelled: false })
    })

    it('is refused with 413 once the bytes streamed pass the cap, with no content-length', async () => {
      const total = 16 * 1024 * 1024
      const holdAfter = MAX_WEBHOOK_BODY_BYTES + 2 * 64 * 1024
      const { stream, counter, chunkBytes, release, finished } = streamedBody(total, holdAfter)
      const request = new Request('http://app.test/api/webhooks/clerk', {
        method: 'POST',
        headers: signedHeaders(),
        body: stream,
        duplex: 'half',
      } as RequestInit)
      const response = await handleClerkWebhook(request, forbiddenVerify, mirror.env)
      expect(response.status).toBe(413)
      expect(counter.pulled).toBeLessThanOrEqual(MAX_WEBHOOK_BODY_BYTES + 2 * chunkBytes)
      expect(mirror.calls).toEqual([])
      release()
      await finished
      expect(counter).toEqual({ pulled: total, cancelled: false })
    })

    it('is counted in bytes, not characters', async () => {
      // Half the cap in two-byte characters: under it in characters, over it in bytes.
      const body = JSON.stringify({
        type: 'user.updated',
        data: 'é'.repeat(MAX_WEBHOOK_BODY_BYTES / 2),
      })
      const request = new Request('http://app.test/api/webhooks/clerk', {
        method: 'POST',
        headers: signedHeaders(),
        body,
      })
      expect(body.length).toBeLessThan(MAX_WEBHOOK_BODY_BYTES)
      const response = await handleClerkWebhook(request, forbiddenVerify, mirror.env)
      expect(response.status).toBe(413)
    })

    it('stops at the cap: a delivery of exactly the cap is verified and applied', async () => {
      const json = JSON.stringify({ object: 'event', ...userUpdated() })
      const body = json + ' '.repeat(MAX_WEBHOOK_BODY_BYTES - json.length)
      const { verify } = acceptingVerify()
      const request = new Request('http://app.test/api/webhooks/clerk', {
        method: 'POST',
        headers: signedHeaders('msg_1', { 'content-length': String(body.length) }),
        body,
      })
      const response = await handleClerkWebhook(request, verify, mirror.env)
      expect([response.status, await response.json()]).toEqual([200, { outcome: 'applied' }])
    })
  })
})

describe('webhooksOff', () => {
  it('answers 503, so Clerk retries later, with a body naming both variables', async () => {
    const response = webhooksOff()
    expect(response.status).toBe(503)
    const body = (await response.json()) as { error: string; missing: string[] }
    expect(body.missing).toEqual(['CLERK_WEBHOOK_SIGNING_SECRET', 'SUPABASE_SECRET_KEY'])
    expect(body.error).toMatch(
      /^Clerk webhooks are off: set CLERK_WEBHOOK_SIGNING_SECRET .* and SUPABASE_SECRET_KEY /,
    )
  })
})
