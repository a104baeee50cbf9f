// What a task row may say about who added it, through the real data path: the author's name
// (the profiles mirror), "a deleted user" (clerk_deletions), or neither ("not synced yet": their
// webhook has not landed, or webhooks are off). A member learns that the author of a task they
// can see was deleted, and no other deletion: not one in another organization, not an
// organization's or a membership's, not when it happened. Checked with the service key.

import type { Task } from '@repo/db'
import { TASK_COLUMNS } from '@repo/db/task-columns'
import { seededOrganizations, seededUsers } from '@repo/local-stack'
import type { LocalSupabase } from '@repo/local-supabase'
import type { SessionClaims } from '@repo/local-supabase/testing'
import { createClient } from '@supabase/supabase-js'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RlsStack, startRlsStack } from './support/rls-stack.ts'

// Acme: alice admin, bob member. Globex: carol admin.
const { alice, bob, carol } = seededUsers()
const { acme, globex } = seededOrganizations()
// Dora was in Acme and Clerk deleted her; Erin is in Acme but her user.created has not landed;
// Zed was in Globex and was deleted.
const [DORA, ERIN, ZED] = ['user_dora_deleted', 'user_erin_unsynced', 'user_zed_deleted']
const DELETED_ORG = 'org_deleted'
const DELETED_MEMBERSHIP = 'orgmem_deleted'

let rls: RlsStack
let stack: LocalSupabase
let delivery = 0

async function sync(fn: string, args: Record<string, unknown>): Promise<void> {
  delivery++
  const { data, error } = await rls.service.rpc(
    fn as 'clerk_apply_user',
    {
      p_svix_id: `msg_${delivery}`,
      p_event_type: fn,
      ...args,
    } as never,
  )
  expect(error).toBeNull()
  expect(data).toBe('applied')
}

const at = '2026-12-01T00:00:00Z'
const applyUser = (id: string, name: string) =>
  sync('clerk_apply_user', {
    p_id: id,
    p_email: `${id}@example.com`,
    p_display_name: name,
    p_image_url: null,
    p_updated_at: at,
  })
const applyMembership = (id: string, organization: string, user: string, role: string) =>
  sync('clerk_apply_membership', {
    p_id: id,
    p_organization_id: organization,
    p_user_id: user,
    p_role: role,
    p_updated_at: at,
  })

beforeAll(async () => {
  rls = await startRlsStack()
  stack = rls.stack
  await applyUser(alice.id, 'Alice Example')
  await applyUser(bob.id, 'Bob Example')
  await applyUser(carol.id, 'Carol Example')
  await applyUser(DORA, 'Dora Leaving')
  await applyMembership('orgmem_alice', acme.id, alice.id, 'admin')
  await applyMembership('orgmem_bob', acme.id, bob.id, 'member')
  await applyMembership('orgmem_carol', globex.id, carol.id, 'admin')
  await applyMembership('orgmem_dora', acme.id, DORA, 'member')
  const inserted = await rls.service.from('tasks').insert([
    { name: 'alices', user_id: alice.id, organization_id: acme.id },
    { name: 'bobs', user_id: bob.id, organization_id: acme.id },
    { name: 'doras', user_id: DORA, organization_id: acme.id },
    { name: 'doras personal', user_id: DORA },
    { name: 'erins', user_id: ERIN, organization_id: acme.id },
    { name: 'zeds', user_id: ZED, organization_id: globex.id },
    { name: 'alices personal', user_id: alice.id },
  ])
  expect(inserted.error).toBeNull()
  for (const id of [DORA, ZED]) {
    await sync('clerk_delete_user', { p_id: id, p_deleted_at: at })
  }
  await sync('clerk_delete_organization', { p_id: DELETED_ORG, p_deleted_at: at })
  await sync('clerk_delete_membership', { p_id: DELETED_MEMBERSHIP, p_deleted_at: at })
  // What the database holds, as the service key sees it: the deletions, and Dora's
  // organization task kept while her personal one went with her.
  const deletions = await rls.service.from('clerk_deletions').select('object_id').order('object_id')
  expect(deletions.data?.map((row) => row.object_id)).toEqual(
    [DELETED_MEMBERSHIP, DELETED_ORG, DORA, ZED].sort(),
  )
  const left = await rls.service.from('tasks').select('name').eq('user_id', DORA)
  expect(left.data).toEqual([{ name: 'doras' }])
})

afterAll(async () => {
  await stack?.stop()
})

const inAcme = (sub: string, role: 'admin' | 'member' = 'member'): SessionClaims => ({
  sub,
  organization: { id: acme.id, role },
})

/** Each task the caller lists, and what its row would say about the author. */
async function authors(claims: SessionClaims) {
  const client = await rls.clientAs(claims)
  const { data, error } = await client
    .from('tasks')
    .select(TASK_COLUMNS)
    .order('name')
    .overrideTypes<Task[], { merge: false }>()
  expect(error).toBeNull()
  return data?.map((task) => [task.name, task.author?.display_name ?? null, task.author_deleted])
}

async function deletionsSeenBy(claims: SessionClaims) {
  const client = await rls.clientAs(claims)
  const { data, error } = await client.from('clerk_deletions').select('object_id')
  expect(error).toBeNull()
  return data?.map((row) => row.object_id).sort()
}

describe('an organization’s task rows', () => {
  it.each([
    ['the admin', inAcme(alice.id, 'admin')],
    ['a member', inAcme(bob.id)],
  ])('tell %s the name, a deleted author, and one not synced yet apart', async (_, claims) => {
    expect(await authors(claims)).toEqual([
      ['alices', 'Alice Example', false],
      ['bobs', 'Bob Example', false],
      ['doras', null, true],
      ['erins', null, false],
    ])
  })

  it('tell another organization’s member of their own deleted author only', async () => {
    expect(
      await authors({ sub: carol.id, organization: { id: globex.id, role: 'admin' } }),
    ).toEqual([['zeds', null, true]])
  })

  it('say nothing of deletions on personal tasks, which are the caller’s own', async () => {
    expect(await authors({ sub: alice.id })).toEqual([['alices personal', 'Alice Example', false]])
  })
})

describe('clerk_deletions, as each caller may read it', () => {
  it('shows a member only the deleted authors of tasks in their active organization', async () => {
    expect(await deletionsSeenBy(inAcme(alice.id, 'admin'))).toEqual([DORA])
    expect(await deletionsSeenBy(inAcme(bob.id))).toEqual([DORA])
    expect(
      await deletionsSeenBy({ sub: carol.id, organization: { id: globex.id, role: 'admin' } }),
    ).toEqual([ZED])
  })

  it('shows nothing with no active organization (personal tasks are the caller’s own)', async () => {
    expect(await deletionsSeenBy({ sub: alice.id })).toEqual([])
    expect(await deletionsSeenBy({ sub: bob.id })).toEqual([])
  })

  it('never shows when someone was deleted', async () => {
    const client = await rls.clientAs(inAcme(alice.id, 'admin'))
    const { error, status } = await client.from('clerk_deletions').select('deleted_at')
    expect([error?.code, status]).toEqual(['42501', 403])
  })

  it('refuses the anon key', async () => {
    const anon = createClient(stack.url, stack.anonKey, { auth: { persistSession: false } })
    const { error, status } = await anon.from('clerk_deletions').select('object_id')
    expect([error?.code, status]).toEqual(['42501', 401])
  })

  it('is not written through the API', async () => {
    const client = await rls.clientAs(inAcme(alice.id, 'admin'))
    const { error } = await client
      .from('clerk_deletions')
      .insert({ object_id: bob.id, deleted_at: at } as never)
    expect(error?.code).toBe('42501')
    expect((await authors(inAcme(bob.id)))?.find(([name]) => name === 'bobs')).toEqual([
      'bobs',
      'Bob Example',
      false,
    ])
  })
})

describe('author_deleted called on a forged row', () => {
  /** As PostgREST would run it for a verified token with these claims. */
  async function asUser(claims: Record<string, unknown>, sql: string, values: unknown[]) {
    const client = new pg.Client({ connectionString: stack.dbUrl })
    await client.connect()
    try {
      await client.query('begin')
      await client.query('set local role authenticated')
      await client.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify(claims),
      ])
      return (await client.query(sql, values)).rows
    } finally {
      await client.query('rollback').catch(() => undefined)
      await client.end()
    }
  }

  it('tells nothing about a user who authored no task the caller can see', async () => {
    const forged = `select public.author_deleted(jsonb_populate_record(null::public.tasks,
      jsonb_build_object('user_id', $1::text, 'organization_id', $2::text))) as deleted`
    const claims = { role: 'authenticated', sub: alice.id, o: { id: acme.id, rol: 'admin' } }
    expect(await asUser(claims, forged, [ZED, acme.id])).toEqual([{ deleted: false }])
    expect(await asUser(claims, forged, [ZED, globex.id])).toEqual([{ deleted: false }])
    expect(await asUser(claims, forged, [DORA, globex.id])).toEqual([{ deleted: true }])
  })
})
