// Organization-scoped RLS through the real data path, cell by cell: who (admin, member,
// non-member, no active organization, a member whose token names another organization, a v1
// token) may do what (select, insert, toggle, delete, move to another organization, change owner)
// with an organization's tasks. The service key checks that nothing changed where nothing should.

import type { Database } from '@repo/db'
import { seededOrganizations, seededUsers } from '@repo/local-stack'
import type { LocalSupabase } from '@repo/local-supabase'
import type { SessionClaims, TestIssuer } from '@repo/local-supabase/testing'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startRlsStack } from './support/rls-stack.ts'

// Acme: alice admin, bob member. Globex: carol admin.
const { alice, bob, carol } = seededUsers()
const { acme, globex } = seededOrganizations()
const [ALICE, BOB, CAROL, ACME, GLOBEX] = [alice.id, bob.id, carol.id, acme.id, globex.id]

let stack: LocalSupabase
let issuer: TestIssuer
let service: SupabaseClient<Database>

beforeAll(async () => {
  ;({ stack, issuer, service } = await startRlsStack())
})

afterAll(async () => {
  await stack?.stop()
})

async function clientAs(claims: SessionClaims): Promise<SupabaseClient<Database>> {
  const token = await issuer.sessionToken(claims)
  return createClient<Database>(stack.url, stack.anonKey, { accessToken: async () => token })
}

const callers: Record<string, SessionClaims> = {
  'the admin': { sub: ALICE, organization: { id: ACME, role: 'admin' } },
  'a member': { sub: BOB, organization: { id: ACME, role: 'member' } },
  'a non-member': { sub: CAROL, organization: { id: GLOBEX, role: 'admin' } },
  'a member with no active organization': { sub: BOB },
  'a member whose token names another organization': {
    sub: BOB,
    organization: { id: GLOBEX, role: 'admin' },
  },
  'a member with v1 claims only': {
    sub: BOB,
    extra: { org_id: ACME, org_role: 'org:admin' },
  },
}

let taskId: number

beforeEach(async () => {
  expect((await service.from('tasks').delete().gte('id', 0)).error).toBeNull()
  // An Acme task that alice (the admin) added.
  const { data, error } = await service
    .from('tasks')
    .insert({ name: 'acme task', user_id: ALICE, organization_id: ACME })
    .select('id')
    .single()
  expect(error).toBeNull()
  taskId = data?.id ?? -1
})

const stored = async () =>
  (await service.from('tasks').select('name, done, user_id, organization_id').eq('id', taskId)).data

const untouched = [{ name: 'acme task', done: false, user_id: ALICE, organization_id: ACME }]

describe.each(Object.entries(callers))('%s', (who, claims) => {
  const isMember = who === 'the admin' || who === 'a member'

  it(isMember ? 'sees the task' : 'does not see the task', async () => {
    const client = await clientAs(claims)
    const { data, error } = await client.from('tasks').select('id')
    expect(error).toBeNull()
    expect(data).toEqual(isMember ? [{ id: taskId }] : [])
  })

  it(isMember ? 'can toggle it' : 'cannot toggle it', async () => {
    const client = await clientAs(claims)
    const { data, error } = await client
      .from('tasks')
      .update({ done: true })
      .eq('id', taskId)
      .select('id')
    expect(error).toBeNull()
    expect(data).toEqual(isMember ? [{ id: taskId }] : [])
    expect(await stored()).toEqual(isMember ? [{ ...untouched[0], done: true }] : untouched)
  })

  it(who === 'the admin' ? 'can delete it' : 'cannot delete it', async () => {
    const client = await clientAs(claims)
    const { data, error } = await client.from('tasks').delete().eq('id', taskId).select('id')
    expect(error).toBeNull()
    expect(data).toEqual(who === 'the admin' ? [{ id: taskId }] : [])
    expect(await stored()).toEqual(who === 'the admin' ? [] : untouched)
  })

  it('cannot move it to another organization or give it another owner', async () => {
    const client = await clientAs(claims)
    const moved = await client.from('tasks').update({ organization_id: GLOBEX }).eq('id', taskId)
    const given = await client.from('tasks').update({ user_id: CAROL }).eq('id', taskId)
    expect([moved.error?.code, given.error?.code]).toEqual(['42501', '42501'])
    expect(await stored()).toEqual(untouched)
  })

  it('adds tasks stamped with its active organization (or none), owned by itself', async () => {
    const client = await clientAs(claims)
    const { data, error } = await client
      .from('tasks')
      .insert({ name: `added by ${who}` })
      .select('user_id, organization_id')
      .single()
    expect(error).toBeNull()
    expect(data).toEqual({ user_id: claims.sub, organization_id: claims.organization?.id ?? null })
  })
})

describe('a member who created a task', () => {
  it('may delete it, though not an admin', async () => {
    const bob = await clientAs(callers['a member'] as SessionClaims)
    const added = await bob.from('tasks').insert({ name: 'bob’s acme task' }).select('id').single()
    expect(added.error).toBeNull()
    const { data } = await bob
      .from('tasks')
      .delete()
      .eq('id', added.data?.id ?? -1)
      .select('id')
    expect(data).toEqual([{ id: added.data?.id }])
  })
})

describe('an admin', () => {
  it('may delete a task another member added', async () => {
    const added = await service
      .from('tasks')
      .insert({ name: 'bob’s acme task', user_id: BOB, organization_id: ACME })
      .select('id')
      .single()
    const admin = await clientAs(callers['the admin'] as SessionClaims)
    const { data } = await admin
      .from('tasks')
      .delete()
      .eq('id', added.data?.id ?? -1)
      .select('id')
    expect(data).toEqual([{ id: added.data?.id }])
    expect(
      (
        await service
          .from('tasks')
          .select('id')
          .eq('id', added.data?.id ?? -1)
      ).data,
    ).toEqual([])
  })
})

// Removal from an organization, end to end (the emulator stops naming it in the next token,
// and that token sees nothing of its tasks): packages/clerk-emulator/test/postgrest.test.ts.

describe('personal tasks', () => {
  let personalId: number

  beforeEach(async () => {
    const { data } = await service
      .from('tasks')
      .insert({ name: 'bob’s own', user_id: BOB })
      .select('id')
      .single()
    personalId = data?.id ?? -1
  })

  const personalStored = async () =>
    (await service.from('tasks').select('name, done').eq('id', personalId)).data

  it('are the only tasks seen, toggled and deleted with no organization active', async () => {
    const personal = await clientAs({ sub: BOB })
    expect((await personal.from('tasks').select('id')).data).toEqual([{ id: personalId }])
    const toggled = await personal
      .from('tasks')
      .update({ done: true })
      .eq('id', personalId)
      .select('id')
    expect(toggled.data).toEqual([{ id: personalId }])
    const deleted = await personal.from('tasks').delete().eq('id', personalId).select('id')
    expect(deleted.data).toEqual([{ id: personalId }])
    expect(await personalStored()).toEqual([])
  })

  it('are out of sight and reach while an organization is active', async () => {
    const inAcme = await clientAs(callers['a member'] as SessionClaims)
    expect((await inAcme.from('tasks').select('id')).data).toEqual([{ id: taskId }])
    const toggled = await inAcme
      .from('tasks')
      .update({ done: true })
      .eq('id', personalId)
      .select('id')
    expect(toggled.data).toEqual([])
    const deleted = await inAcme.from('tasks').delete().eq('id', personalId).select('id')
    expect(deleted.data).toEqual([])
    expect(await personalStored()).toEqual([{ name: 'bob’s own', done: false }])
  })
})
