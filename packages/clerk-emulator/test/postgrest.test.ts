// Supabase's third-party auth, reproduced: the data API fetches the emulator's JWKS by URL and
// then accepts its session tokens, so RLS sees the Clerk user id.
import { seededOrganizations } from '@repo/local-stack'
import { type LocalSupabase, startLocalSupabase } from '@repo/local-supabase'
import { createClient } from '@supabase/supabase-js'
import { createClerkClient } from 'clerk-backend-3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALICE, BOB, type Harness, startHarness } from './support/harness.ts'
import { FakeBrowser } from './support/requests.ts'

let harness: Harness
let stack: LocalSupabase

beforeAll(async () => {
  harness = await startHarness()
  stack = await startLocalSupabase({
    trustedJwks: { url: `${harness.server.url}/.well-known/jwks.json` },
    onLog: () => undefined,
  })
})
afterAll(async () => {
  await stack?.stop()
  await harness?.stop()
})

async function clientFor(email: string, password: string, organizationId?: string) {
  const browser = new FakeBrowser(harness.emulator)
  const { sessionId } = await browser.signIn(email, password)
  if (organizationId) {
    await browser.fapi('POST', `/client/sessions/${sessionId}/touch`, {
      active_organization_id: organizationId,
    })
  }
  // A fresh token per request, the way supabase-js's accessToken() asks clerk-js for one.
  return createClient(stack.url, stack.anonKey, {
    accessToken: async () =>
      (await browser.fapi('POST', `/client/sessions/${sessionId}/tokens`)).json.jwt as string,
  })
}

describe('emulator tokens through the real PostgREST', () => {
  it('are accepted, and RLS sees the Clerk user id', async () => {
    const alice = await clientFor(ALICE.email, ALICE.password)
    const bob = await clientFor(BOB.email, BOB.password)
    const inserted = await alice
      .from('tasks')
      .insert({ name: 'from the emulator' })
      .select('user_id')
    expect(inserted.error).toBeNull()
    expect(inserted.data).toEqual([{ user_id: ALICE.id }])
    expect((await alice.from('tasks').select('name')).data).toEqual([{ name: 'from the emulator' }])
    expect((await bob.from('tasks').select('name')).data).toEqual([])
  })

  it('share an organization’s tasks with its members until one is removed', async () => {
    const { acme } = seededOrganizations()
    const alice = await clientFor(ALICE.email, ALICE.password, acme.id)
    const bob = await clientFor(BOB.email, BOB.password, acme.id)
    const added = await alice.from('tasks').insert({ name: 'acme plan' }).select('organization_id')
    expect(added.data).toEqual([{ organization_id: acme.id }])
    expect((await bob.from('tasks').select('name')).data).toEqual([{ name: 'acme plan' }])

    await createClerkClient({
      secretKey: harness.emulator.instance.secretKey,
      apiUrl: harness.emulator.instance.origin,
    }).organizations.deleteOrganizationMembership({ organizationId: acme.id, userId: BOB.id })
    // Bob's client asks for a fresh token per request: his very next one names no organization.
    expect((await bob.from('tasks').select('name')).data).toEqual([])
    expect((await alice.from('tasks').select('name')).data).toEqual([{ name: 'acme plan' }])
  })

  it('OIDC discovery points at the same JWKS', async () => {
    const discovery = await (
      await fetch(`${harness.server.url}/.well-known/openid-configuration`)
    ).json()
    expect(discovery).toMatchObject({
      issuer: harness.emulator.instance.issuer,
      jwks_uri: `${harness.emulator.instance.origin}/.well-known/jwks.json`,
    })
  })
})
