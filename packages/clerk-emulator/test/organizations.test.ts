// Organizations as the real SDKs see them: the Backend API's organization and membership
// endpoints through @clerk/backend 3 and 2, and the v2 `o` claim in session tokens, read back by
// the SDKs' own auth objects.
import { seededOrganizations, seededUsers } from '@repo/local-stack'
import { createClerkClient as createClerkClient2 } from 'clerk-backend-2'
import { createClerkClient as createClerkClient3 } from 'clerk-backend-3'
import { decodeJwt } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { signInOverHttp } from '../src/testing.ts'
import { type Harness, startHarness } from './support/harness.ts'
import { FakeBrowser } from './support/requests.ts'

const APP = 'http://localhost:3000'
const { alice, bob, carol } = seededUsers()
const { acme, globex } = seededOrganizations()

let harness: Harness
beforeAll(async () => {
  harness = await startHarness()
})
afterAll(async () => {
  await harness?.stop()
})
afterEach(() => {
  harness.emulator.store.reset()
})

// Both generations share these calls; typed as 3's so one suite drives both.
const sdks: [string, typeof createClerkClient3][] = [
  ['@clerk/backend 3', createClerkClient3],
  ['@clerk/backend 2', createClerkClient2 as unknown as typeof createClerkClient3],
]

describe.each(sdks)('%s organizations API', (_name, createClerkClient) => {
  const clerk = () =>
    createClerkClient({
      secretKey: harness.emulator.instance.secretKey,
      publishableKey: harness.emulator.instance.publishableKey,
      apiUrl: harness.emulator.instance.origin,
    })

  it('lists and finds the seeded organizations, by id or slug', async () => {
    const list = await clerk().organizations.getOrganizationList()
    expect(list.totalCount).toBe(2)
    expect(list.data.map((organization) => organization.name).sort()).toEqual(['Acme', 'Globex'])
    const bySlug = await clerk().organizations.getOrganization({ slug: 'acme' })
    expect(bySlug).toMatchObject({ id: acme.id, name: 'Acme', slug: 'acme', membersCount: 2 })
    const byId = await clerk().organizations.getOrganization({ organizationId: globex.id })
    expect(byId.name).toBe('Globex')
  })

  it('lists an organization’s members with their roles, and a user’s memberships', async () => {
    const members = await clerk().organizations.getOrganizationMembershipList({
      organizationId: acme.id,
    })
    expect(members.data.map((m) => [m.publicUserData?.userId, m.role])).toEqual([
      [alice.id, 'org:admin'],
      [bob.id, 'org:member'],
    ])
    const carols = await clerk().users.getOrganizationMembershipList({ userId: carol.id })
    expect(carols.data.map((m) => [m.organization.name, m.role])).toEqual([['Globex', 'org:admin']])
  })

  it('creates an organization (its creator its admin), adds, changes and removes a member', async () => {
    const created = await clerk().organizations.createOrganization({
      name: 'Initech',
      createdBy: carol.id,
    })
    expect(created).toMatchObject({ name: 'Initech', slug: 'initech', createdBy: carol.id })
    const added = await clerk().organizations.createOrganizationMembership({
      organizationId: created.id,
      userId: bob.id,
      role: 'org:member',
    })
    expect(added.role).toBe('org:member')
    const promoted = await clerk().organizations.updateOrganizationMembership({
      organizationId: created.id,
      userId: bob.id,
      role: 'org:admin',
    })
    expect(promoted.role).toBe('org:admin')
    await clerk().organizations.deleteOrganizationMembership({
      organizationId: created.id,
      userId: bob.id,
    })
    const left = await clerk().organizations.getOrganizationMembershipList({
      organizationId: created.id,
    })
    expect(left.data.map((m) => m.publicUserData?.userId)).toEqual([carol.id])
  })

  it('refuses a taken slug and a role it does not know, naming the field', async () => {
    await expect(
      clerk().organizations.createOrganization({ name: 'Acme again', slug: 'acme' }),
    ).rejects.toMatchObject({ errors: [{ code: 'form_identifier_exists' }] })
    await expect(
      clerk().organizations.createOrganizationMembership({
        organizationId: globex.id,
        userId: bob.id,
        role: 'org:owner',
      }),
    ).rejects.toMatchObject({ errors: [{ meta: { paramName: 'role' } }] })
  })

  it('reads the active organization from a session token, as the apps’ middleware will', async () => {
    for (const [user, role, canManage] of [
      [alice, 'org:admin', true],
      [bob, 'org:member', false],
    ] as const) {
      const session = await signInOverHttp(harness.url, user.email, user.password, APP)
      await session.setActiveOrganization(acme.id)
      const token = await session.getToken()
      expect(decodeJwt(token).o).toMatchObject({
        id: acme.id,
        slg: 'acme',
        rol: role.replace('org:', ''),
      })
      const state = await clerk().authenticateRequest(
        new Request(`${APP}/ssr`, { headers: { authorization: `Bearer ${token}` } }),
        { jwtKey: harness.emulator.key.publicPem, authorizedParties: [APP] },
      )
      const auth = state.toAuth()
      expect(auth).toMatchObject({
        userId: user.id,
        orgId: acme.id,
        orgRole: role,
        orgSlug: 'acme',
      })
      expect(auth?.has({ permission: 'org:tasks:read' })).toBe(true)
      expect(auth?.has({ permission: 'org:tasks:manage' })).toBe(canManage)
    }
  })
})

describe('the active organization in session tokens', () => {
  it('is named by the v2 `o` claim, and gone when the personal account is chosen', async () => {
    const session = await signInOverHttp(harness.url, bob.email, bob.password, APP)
    expect(decodeJwt(await session.getToken())).not.toHaveProperty('o')
    await session.setActiveOrganization(acme.id)
    const claims = decodeJwt(await session.getToken())
    expect(claims).toMatchObject({ v: 2, sub: bob.id, o: { id: acme.id, rol: 'member' } })
    // v1's claims are not sent alongside: a policy reading them would see nothing.
    expect(claims).not.toHaveProperty('org_id')
    await session.setActiveOrganization(null)
    expect(decodeJwt(await session.getToken())).not.toHaveProperty('o')
  })

  it('cannot name an organization the user is not a member of', async () => {
    const session = await signInOverHttp(harness.url, carol.email, carol.password, APP)
    await expect(session.setActiveOrganization(acme.id)).rejects.toThrow(
      /not_a_member_in_organization/,
    )
    expect(decodeJwt(await session.getToken())).not.toHaveProperty('o')
  })

  it('stops naming it at the next token once the membership is removed', async () => {
    const session = await signInOverHttp(harness.url, bob.email, bob.password, APP)
    await session.setActiveOrganization(acme.id)
    const before = decodeJwt(await session.getToken())
    expect(before.o).toMatchObject({ id: acme.id })
    await createClerkClient3({
      secretKey: harness.emulator.instance.secretKey,
      apiUrl: harness.emulator.instance.origin,
    }).organizations.deleteOrganizationMembership({ organizationId: acme.id, userId: bob.id })
    const after = decodeJwt(await session.getToken())
    expect(after).toMatchObject({ sub: bob.id })
    expect(after).not.toHaveProperty('o')
  })
})

describe('what an organization’s admins may do from <OrganizationProfile/>', () => {
  async function signedIn(user: { email: string; password: string }) {
    const browser = new FakeBrowser(harness.emulator, APP)
    const { sessionId } = await browser.signIn(user.email, user.password)
    return { browser, sessionId }
  }

  /**
   * As setActive({ organization }) does, and checked: a fallback to the personal account means
   * something only if the session had the organization active first.
   */
  async function switchTo(
    { browser, sessionId }: Awaited<ReturnType<typeof signedIn>>,
    organizationId: string,
  ) {
    const touched = await browser.fapi('POST', `/client/sessions/${sessionId}/touch`, {
      active_organization_id: organizationId,
    })
    expect(touched.json.response.last_active_organization_id).toBe(organizationId)
    const client = await browser.fapi('GET', '/client')
    expect(client.json.response.sessions[0].last_active_organization_id).toBe(organizationId)
  }

  it('rename it, change a member’s role and remove them; a member may do none of it', async () => {
    const bobs = await signedIn(bob)
    expect(
      (await bobs.browser.fapi('PATCH', `/organizations/${acme.id}`, { name: 'Bob Co' })).status,
    ).toBe(403)
    expect(
      (await bobs.browser.fapi('DELETE', `/organizations/${acme.id}/memberships/${alice.id}`))
        .status,
    ).toBe(403)

    const { browser } = await signedIn(alice)
    const renamed = await browser.fapi('PATCH', `/organizations/${acme.id}`, { name: 'Acme Corp' })
    expect(renamed.json.response).toMatchObject({ name: 'Acme Corp', slug: 'acme' })
    const taken = await browser.fapi('PATCH', `/organizations/${acme.id}`, { slug: 'globex' })
    expect(taken.json.errors[0]).toMatchObject({
      code: 'form_identifier_exists',
      meta: { param_name: 'slug' },
    })
    const promoted = await browser.fapi(
      'PATCH',
      `/organizations/${acme.id}/memberships/${bob.id}`,
      {
        role: 'org:admin',
      },
    )
    expect(promoted.json.response.role).toBe('org:admin')
    const removed = await browser.fapi('DELETE', `/organizations/${acme.id}/memberships/${bob.id}`)
    expect(removed.status).toBe(200)
    expect(harness.emulator.store.findMembership(acme.id, bob.id)).toBeUndefined()
  })

  it('never leaves an organization without an admin', async () => {
    const { browser } = await signedIn(alice)
    const leave = await browser.fapi('DELETE', `/me/organization_memberships/${acme.id}`)
    expect([leave.status, leave.json.errors[0].code]).toEqual([
      403,
      'organization_minimum_permissions_needed',
    ])
    const demote = await browser.fapi(
      'PATCH',
      `/organizations/${acme.id}/memberships/${alice.id}`,
      {
        role: 'org:member',
      },
    )
    expect(demote.status).toBe(403)
    await expect(
      createClerkClient3({
        secretKey: harness.emulator.instance.secretKey,
        apiUrl: harness.emulator.instance.origin,
      }).organizations.deleteOrganizationMembership({ organizationId: acme.id, userId: alice.id }),
    ).rejects.toMatchObject({ errors: [{ code: 'organization_minimum_permissions_needed' }] })
    expect(harness.emulator.store.findMembership(acme.id, alice.id)?.role).toBe('org:admin')
  })

  it('delete it: its members’ sessions fall back to their personal accounts', async () => {
    const bobs = await signedIn(bob)
    await switchTo(bobs, acme.id)
    const { browser } = await signedIn(alice)
    expect((await browser.fapi('DELETE', `/organizations/${acme.id}`)).status).toBe(200)
    expect(harness.emulator.store.organizations.has(acme.id)).toBe(false)
    const client = await bobs.browser.fapi('GET', '/client')
    expect(client.json.response.sessions[0].last_active_organization_id).toBeNull()
  })

  it('a removed member’s session no longer names the organization', async () => {
    const bobs = await signedIn(bob)
    await switchTo(bobs, acme.id)
    const { browser } = await signedIn(alice)
    await browser.fapi('DELETE', `/organizations/${acme.id}/memberships/${bob.id}`)
    const client = await bobs.browser.fapi('GET', '/client')
    expect(client.json.response.sessions[0]).toMatchObject({
      last_active_organization_id: null,
      user: { organization_memberships: [] },
    })
  })
})
