// Clerk's webhooks reach every app's /api/webhooks/clerk (support/apps.ts points the emulator at
// them): a user deleted through the Backend API loses their personal tasks, while their
// organization's task stays for its members. Each app's route must have verified and answered
// every delivery about that user. The sign-up and "added by Bob" halves are scenarios 7 and 9.

import { WEBHOOK_PATH, webhookHeaders } from '@repo/clerk-emulator'
import { createClient } from '@supabase/supabase-js'
import { FRAMEWORKS } from '../support/apps.ts'
import { expect, storedCount, storedProfile, test, unique } from '../support/fixtures.ts'
import { backendApi } from '../support/users.ts'
import { settledDeliveries } from '../support/webhooks.ts'

for (const framework of FRAMEWORKS) {
  test.describe(framework, () => {
    test.use({ framework })

    test('12. a user deleted through the Backend API loses their personal tasks; their organization task stays', async ({
      appUrl,
      stack,
      cast,
    }) => {
      const endpoint = `${appUrl}${WEBHOOK_PATH}`
      const email = `${unique('leaving').replace(/\W+/g, '-')}@example.com`
      const user = await backendApi(stack, 'POST', '/users', {
        email_address: [email],
        password: 'a-leaving-password',
        first_name: 'Dora',
        last_name: 'Leaving',
      })
      expect(await settledDeliveries(stack, endpoint, user.id, ['user.created'])).toEqual([
        ['user.created', 'delivered', 200],
      ])
      expect(await storedProfile(stack, email)).toEqual({ email, display_name: 'Dora Leaving' })

      const service = createClient(stack.supabaseUrl, stack.serviceRoleKey)
      const personal = unique('Dora personal')
      const shared = unique('Dora in Acme')
      const inserted = await service.from('tasks').insert([
        { user_id: user.id, name: personal },
        { user_id: user.id, name: shared, organization_id: cast.acme.id },
      ])
      expect(inserted.error).toBeNull()

      await backendApi(stack, 'DELETE', `/users/${user.id}`)
      // This app's route verified and answered both events about her, and applied the deletion.
      expect(
        await settledDeliveries(stack, endpoint, user.id, ['user.created', 'user.deleted']),
      ).toEqual([
        ['user.created', 'delivered', 200],
        ['user.deleted', 'delivered', 200],
      ])
      expect(await storedCount(stack, personal)).toBe(0)
      expect(await storedCount(stack, shared)).toBe(1)
      expect(await storedProfile(stack, email)).toBeNull()
      await service.from('tasks').delete().eq('name', shared)

      // A forged delivery (signed with another secret) is refused, and changes nothing.
      const forged = JSON.stringify({
        type: 'user.deleted',
        object: 'event',
        data: { id: cast.alice.id, object: 'user', deleted: true },
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
      expect(await storedProfile(stack, cast.alice.email)).toEqual({
        email: cast.alice.email,
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
