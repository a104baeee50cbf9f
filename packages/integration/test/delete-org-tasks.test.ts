// @repo/tasks' deleteTask through real PostgREST, where RLS refuses a delete without saying so
// (200, no rows): a member deleting the admin's organization task is told why, and the task is
// still there when the service key looks; a task that is gone, or out of the caller's sight, is
// not reported as refused. runTaskAction (the Remix and React Router pages' actions) says the same.

import type { Database } from '@repo/db'
import { seededOrganizations, seededUsers } from '@repo/local-stack'
import type { LocalSupabase } from '@repo/local-supabase'
import type { SessionClaims, TestIssuer } from '@repo/local-supabase/testing'
import { type ClerkSupabaseClient, createClerkSupabaseClient } from '@repo/supabase-clerk'
import { deleteTask, runTaskAction } from '@repo/tasks'
import type { SupabaseClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startRlsStack } from './support/rls-stack.ts'

// Acme: alice admin, bob member. Globex: carol admin.
const { alice, bob, carol } = seededUsers()
const { acme, globex } = seededOrganizations()

const REFUSED = "Only an organization admin can delete other members' tasks."

const callers = {
  alice: { sub: alice.id, organization: { id: acme.id, role: 'admin', slug: acme.slug } },
  bob: { sub: bob.id, organization: { id: acme.id, role: 'member', slug: acme.slug } },
  carol: { sub: carol.id, organization: { id: globex.id, role: 'admin', slug: globex.slug } },
} satisfies Record<string, SessionClaims>

let stack: LocalSupabase
let issuer: TestIssuer
let service: SupabaseClient<Database>

beforeAll(async () => {
  ;({ stack, issuer, service } = await startRlsStack())
})

afterAll(async () => {
  await stack?.stop()
})

/** The client the apps make, with the caller's token. */
async function clientAs(claims: SessionClaims): Promise<ClerkSupabaseClient> {
  const token = await issuer.sessionToken(claims)
  return createClerkSupabaseClient({
    supabaseUrl: stack.url,
    supabaseKey: stack.anonKey,
    getToken: async () => token,
  })
}

/** Adds a task to Acme as `userId` with the service key, and returns its id. */
async function acmeTaskOf(userId: string, name: string): Promise<number> {
  const { data, error } = await service
    .from('tasks')
    .insert({ name, user_id: userId, organization_id: acme.id })
    .select('id')
    .single()
  expect(error).toBeNull()
  return data?.id ?? -1
}

const stored = async (id: number) =>
  (await service.from('tasks').select('name, user_id, organization_id').eq('id', id)).data

let alicesTask: number

beforeEach(async () => {
  expect((await service.from('tasks').delete().gte('id', 0)).error).toBeNull()
  alicesTask = await acmeTaskOf(alice.id, 'Renew the lease')
})

const untouched = () => [{ name: 'Renew the lease', user_id: alice.id, organization_id: acme.id }]

describe('a member deleting the admin’s organization task', () => {
  it('is told only an admin may, and the task stays', async () => {
    const result = await deleteTask(await clientAs(callers.bob), alicesTask)
    expect(result).toEqual({ ok: false, error: { kind: 'forbidden', message: REFUSED } })
    expect(await stored(alicesTask)).toEqual(untouched())
  })

  it('is told the same by the form action, for that task', async () => {
    const form = new FormData()
    form.set('intent', 'delete')
    form.set('id', String(alicesTask))
    expect(await runTaskAction(await clientAs(callers.bob), form)).toEqual({
      intent: 'delete',
      id: alicesTask,
      error: { kind: 'forbidden', message: REFUSED },
    })
    expect(await stored(alicesTask)).toEqual(untouched())
  })
})

describe('deletes that go through', () => {
  it('the admin deletes a member’s task', async () => {
    const bobsTask = await acmeTaskOf(bob.id, 'Book the venue')
    const result = await deleteTask(await clientAs(callers.alice), bobsTask)
    expect(result).toMatchObject({ ok: true, data: [{ id: bobsTask }] })
    expect(await stored(bobsTask)).toEqual([])
  })

  it('a member deletes their own organization task', async () => {
    const bobsTask = await acmeTaskOf(bob.id, 'Book the venue')
    const result = await deleteTask(await clientAs(callers.bob), bobsTask)
    expect(result).toMatchObject({ ok: true, data: [{ id: bobsTask }] })
    expect(await stored(bobsTask)).toEqual([])
  })
})

describe('nothing deleted, nothing refused', () => {
  it('a task already gone is no error', async () => {
    const bob = await clientAs(callers.bob)
    expect((await deleteTask(await clientAs(callers.alice), alicesTask)).ok).toBe(true)
    expect(await deleteTask(bob, alicesTask)).toEqual({ ok: true, data: [] })
  })

  it('another organization’s task is not reported as refused, which would tell it exists', async () => {
    expect(await deleteTask(await clientAs(callers.carol), alicesTask)).toEqual({
      ok: true,
      data: [],
    })
    expect(await stored(alicesTask)).toEqual(untouched())
  })
})
