// Lost events: the emulator sends a burst of 200 user events to an app's webhook route while the
// database's API is down for part of it. Deliveries that fail are retried in order, so once the
// queue drains the profiles mirror is exactly the emulator's users: none missing, none extra,
// none stale. The route is @repo/clerk-sync's handler behind a real HTTP server, verified with
// @clerk/backend's verifyWebhook, writing through real PostgREST.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type ClerkEmulator,
  createEmulator,
  generateSigningKeyPem,
  signingKeyFromPem,
} from '@repo/clerk-emulator'
import { handleClerkWebhook } from '@repo/clerk-sync'
import type { Database } from '@repo/db'
import type { LocalSupabase } from '@repo/local-supabase'
import type { SupabaseClient } from '@supabase/supabase-js'
import { verifyWebhook } from 'clerk-backend-3/webhooks'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startRlsStack } from './support/rls-stack.ts'

let stack: LocalSupabase
let service: SupabaseClient<Database>
let server: http.Server
let emulator: ClerkEmulator

beforeAll(async () => {
  ;({ stack, service } = await startRlsStack())
  // The app's route, as each app mounts it: the raw request in, the handler's response out.
  server = http.createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = []
    for await (const chunk of incoming) chunks.push(chunk as Buffer)
    const request = new Request('http://app.test/api/webhooks/clerk', {
      method: 'POST',
      headers: incoming.headers as Record<string, string>,
      body: Buffer.concat(chunks),
    })
    const response = await handleClerkWebhook(
      request,
      (r) => verifyWebhook(r, { signingSecret: emulator.webhookSecret }),
      { supabaseUrl: stack.url, serviceRoleKey: stack.serviceRoleKey },
    )
    outgoing.writeHead(response.status).end(await response.text())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  emulator = createEmulator({
    origin: 'http://localhost:1',
    key: signingKeyFromPem(generateSigningKeyPem(), 'burst test key'),
    users: [],
    log: () => undefined,
    webhooks: {
      endpoints: [`http://127.0.0.1:${port}/api/webhooks/clerk`],
      backoffMs: [50, 100, 200],
    },
  })
})

afterAll(async () => {
  emulator?.webhooks.stop()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  await stack?.stop()
})

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const delivered = () =>
  emulator.webhooks.messages().filter((message) => message.state === 'delivered').length

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 60_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

it('200 user events with the database down mid-burst leave the mirror equal to Clerk’s users', async () => {
  const { store } = emulator
  // 80 sign-ups, 80 renames, 40 deletions: 200 events, in an order where each depends on the last.
  const users = Array.from({ length: 80 }, (_, index) =>
    store.createUser({ email: `burst-${index}@example.com`, password: 'burst-password' }),
  )
  for (const [index, user] of users.entries()) {
    store.updateUser(user, { firstName: `Burst ${index}`, lastName: index % 2 ? 'Odd' : null })
  }
  // The API goes down while the first half is still being delivered, and stays down while the
  // rest of the burst is made.
  await until(() => delivered() >= 40, '40 deliveries landed')
  await stack.stopDataApi()
  const downFor = Date.now()
  for (const user of users.filter((_, index) => index % 2 === 0)) store.deleteUser(user)
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  await stack.startDataApi()
  const outage = Date.now() - downFor
  await emulator.webhooks.idle()

  const messages = emulator.webhooks.messages()
  expect(messages).toHaveLength(200)
  expect(messages.filter((message) => message.state !== 'delivered')).toEqual([])
  // The outage was felt: some deliveries were refused (503) or found no server, then retried.
  const refused = messages.flatMap((message) => message.attempts).filter((a) => a.status !== 200)
  expect(refused.length, `refused attempts during a ${outage} ms outage`).toBeGreaterThan(0)

  const expected = [...store.users.values()]
    .map((user) => ({
      id: user.id,
      email: user.email,
      display_name: [user.firstName, user.lastName].filter(Boolean).join(' '),
    }))
    .sort(byId)
  expect(expected).toHaveLength(40)
  const mirrored = await service.from('profiles').select('id, email, display_name')
  expect(mirrored.error).toBeNull()
  expect(mirrored.data?.sort(byId)).toEqual(expected)
  const deletions = await service.from('clerk_deletions').select('object_id')
  expect(deletions.data).toHaveLength(40)
})
