// Clerk's webhooks reach every app's /api/webhooks/clerk (support/apps.ts points the emulator at
// them): a user deleted through the Backend API loses their personal tasks, while their
// organization's task stays for its members. Each app's route must have verified and answered
// every delivery about that user. The sign-up and "added by Bob" halves are scenarios 7 and 9.

import { WEBHOOK_PATH, webhookHeaders } from '@repo/clerk-emulator'
import { seededOrganizations } from '@repo/local-stack'
import { createClient } from '@supabase/supabase-js'
import { FRAMEWORKS } from '../support/apps.ts'
import { expect, storedCount, storedProfile, test, USERS, unique } from '../support/fixtures.ts'
import type { StackInfo } from '../support/stack.ts'

/** A Backend API call, as a server with the instance's secret key makes it. */
async function backendApi(stack: StackInfo, method: string, path: string, body?: unknown) {
  const response = await fetch(`${stack.clerkEnv.next.CLERK_API_URL}/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${stack.clerkEnv.next.CLERK_SECRET_KEY}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  expect(response.status, `${method} ${path}`).toBe(200)
  return (await response.json()) as { id: string }
}

interface Delivery {
  endpoint: string
  type: string
  body: string
  state: string
  attempts: { status: number | null }[]
}

for (const framework of FRAMEWORKS) {
  test.describe(framework, () => {
    test.use({ framework })

    test('12. a user deleted through the Backend API loses their personal tasks; their organization task stays', async ({
      appUrl,
      stack,
    }) => {
      const email = `${unique('leaving').replace(/\W+/g, '-')}@example.com`
      const user = await backendApi(stack, 'POST', '/users', {
        email_address: [email],
        password: 'a-leaving-password',
        first_name: 'Dora',
        last_name: 'Leaving',
      })
      await expect
        .poll(() => storedProfile(stack, email), { timeout: 10_000 })
        .toEqual({ email, display_name: 'Dora Leaving' })

      const service = createClient(stack.supabaseUrl, stack.serviceRoleKey)
      const personal = unique('Dora personal')
      const shared = unique('Dora in Acme')
      const inserted = await service.from('tasks').insert([
        { user_id: user.id, name: personal },
        { user_id: user.id, name: shared, organization_id: seededOrganizations().acme.id },
      ])
      expect(inserted.error).toBeNull()

      await backendApi(stack, 'DELETE', `/users/${user.id}`)
      await expect.poll(() => storedCount(stack, personal), { timeout: 10_000 }).toBe(0)
      expect(await storedCount(stack, shared)).toBe(1)
      expect(await storedProfile(stack, email)).toBeNull()

      // This app's route verified and answered both events about her.
      const endpoint = `${appUrl}${WEBHOOK_PATH}`
      await expect
        .poll(
          async () => {
            const log = (await (
              await fetch(`${stack.emulatorUrl}/__emulator/webhooks`)
            ).json()) as Delivery[]
            return log
              .filter(
                (delivery) => delivery.endpoint === endpoint && delivery.body.includes(user.id),
              )
              .map((delivery) => [delivery.type, delivery.state, delivery.attempts.at(-1)?.status])
          },
          { timeout: 10_000 },
        )
        .toEqual([
          ['user.created', 'delivered', 200],
          ['user.deleted', 'delivered', 200],
        ])
      await service.from('tasks').delete().eq('name', shared)

      // A forged delivery (signed with another secret) is refused, and changes nothing.
      const forged = JSON.stringify({
        type: 'user.deleted',
        object: 'event',
        data: { id: USERS.alice.id, object: 'user', deleted: true },
      })
      const refused = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...webhookHeaders('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', `msg_${Date.now()}`, forged),
        },
        body: forged,
      })
      expect(refused.status).toBe(400)
      expect(await storedProfile(stack, USERS.alice.email)).toEqual({
        email: USERS.alice.email,
        display_name: 'Alice Example',
      })
    })

    test('only POST reaches the webhook route: every other method is answered 405', async ({
      appUrl,
    }) => {
      const endpoint = `${appUrl}${WEBHOOK_PATH}`
      const body = JSON.stringify({ type: 'user.deleted', object: 'event', data: { id: 'x' } })
      for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
        const response = await fetch(endpoint, {
          method,
          headers: { 'content-type': 'application/json' },
          body: method === 'GET' ? undefined : body,
        })
        expect(response.status, method).toBe(405)
        // Remix and React Router route every method to the module, which names the one it takes
        // (RFC 9110); Next answers a method the route does not export itself, with no Allow.
        if (framework !== 'next') expect(response.headers.get('allow'), method).toBe('POST')
      }
    })

    test('a webhook body larger than any Clerk delivery is refused with 413, declared or streamed', async ({
      appUrl,
    }) => {
      const endpoint = `${appUrl}${WEBHOOK_PATH}`
      // The forged 16 MB of the attack, 16 times @repo/clerk-sync's 1 MiB cap, and over Next's
      // 10 MiB proxy buffer, which the webhook route is kept out of.
      const big = new Uint8Array(16 * 1024 * 1024).fill(0x20)
      const headers = {
        'content-type': 'application/json',
        ...webhookHeaders('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', `msg_${Date.now()}`, ''),
      }
      const declared = await fetch(endpoint, { method: 'POST', headers, body: big })
      const streamed = await fetch(endpoint, {
        method: 'POST',
        headers,
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(big)
            controller.close()
          },
        }),
        duplex: 'half',
      } as RequestInit)
      expect([declared.status, streamed.status]).toEqual([413, 413])
    })
  })
}
