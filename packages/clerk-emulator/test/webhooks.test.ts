// The emulator's webhook deliveries, received by a real HTTP server and verified with the real
// @clerk/backend verifyWebhook: signed, in order, retried with backoff until the endpoint takes
// them, logged, and redelivered on request under the same svix-id.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { verifyWebhook } from 'clerk-backend-3/webhooks'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator, generateSigningKeyPem, signingKeyFromPem } from '../src/index.ts'

interface Received {
  id: string
  type: string
  data: { id: string }
}

/** An endpoint that answers `status()` and keeps what it verified. */
async function startEndpoint(secret: () => string, status: () => number) {
  const received: Received[] = []
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const code = status()
    if (code === 200) {
      const event = await verifyWebhook(
        new Request('http://endpoint.test/', {
          method: 'POST',
          headers: request.headers as Record<string, string>,
          body: Buffer.concat(chunks),
        }),
        { signingSecret: secret() },
      )
      received.push({
        id: String(request.headers['svix-id']),
        type: event.type,
        data: event.data as { id: string },
      })
    }
    response.writeHead(code).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/clerk`
  return {
    url,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const key = signingKeyFromPem(generateSigningKeyPem(), 'webhooks test key')
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function setUp(status: () => number) {
  let secret = ''
  const endpoint = await startEndpoint(() => secret, status)
  const emulator = createEmulator({
    origin: 'http://localhost:1',
    key,
    users: [],
    log: () => undefined,
    webhooks: { endpoints: [endpoint.url], backoffMs: [20, 40] },
  })
  secret = emulator.webhookSecret
  cleanups.push(endpoint.stop, () => emulator.webhooks.stop())
  return { endpoint, emulator }
}

describe('webhook deliveries', () => {
  it('are signed so verifyWebhook accepts them, and arrive in order', async () => {
    const { endpoint, emulator } = await setUp(() => 200)
    const user = emulator.store.createUser({ email: 'ada@example.com', password: 'pw-123456' })
    emulator.store.updateUser(user, { firstName: 'Ada' })
    emulator.store.deleteUser(user)
    await emulator.webhooks.idle()
    expect(endpoint.received.map(({ type, data }) => [type, data.id])).toEqual([
      ['user.created', user.id],
      ['user.updated', user.id],
      ['user.deleted', user.id],
    ])
  })

  it('are retried with backoff until the endpoint takes them, each attempt logged', async () => {
    let failures = 3
    const { endpoint, emulator } = await setUp(() => (failures-- > 0 ? 503 : 200))
    const user = emulator.store.createUser({ email: 'bob@example.com', password: 'pw-123456' })
    await emulator.webhooks.idle()
    expect(endpoint.received.map(({ data }) => data.id)).toEqual([user.id])
    const [message] = emulator.webhooks.messages()
    expect(message?.state).toBe('delivered')
    expect(message?.attempts.map((attempt) => attempt.status)).toEqual([503, 503, 503, 200])
  })

  it('are redelivered on request under the same svix-id', async () => {
    const { endpoint, emulator } = await setUp(() => 200)
    emulator.store.createUser({ email: 'cy@example.com', password: 'pw-123456' })
    await emulator.webhooks.idle()
    const [first] = endpoint.received
    expect(emulator.webhooks.redeliver(first?.id ?? '')).toBe(true)
    await emulator.webhooks.idle()
    expect(endpoint.received.map(({ id }) => id)).toEqual([first?.id, first?.id])
  })

  it('reach an endpoint added later, which first gets every event so far in order, seeds included', async () => {
    let secret = ''
    const endpoint = await startEndpoint(
      () => secret,
      () => 200,
    )
    const emulator = createEmulator({
      origin: 'http://localhost:1',
      key,
      users: [{ id: 'user_seeded', email: 'seed@example.com', password: 'pw-123456' }],
      log: () => undefined,
      webhooks: { backoffMs: [20, 40] },
    })
    secret = emulator.webhookSecret
    cleanups.push(endpoint.stop, () => emulator.webhooks.stop())
    const later = emulator.store.createUser({ email: 'later@example.com', password: 'pw-123456' })
    emulator.setWebhookEndpoints([endpoint.url])
    emulator.store.deleteUser(later)
    await emulator.webhooks.idle()
    expect(endpoint.received.map(({ type, data }) => [type, data.id])).toEqual([
      ['user.created', 'user_seeded'],
      ['user.created', later.id],
      ['user.deleted', later.id],
    ])
  })
})
