// The promise of Clerk's Supabase guide, proven through the real data path: supabase-js -> gateway -> PostgREST
// (verifying RS256 tokens against a JWKS) -> Postgres RLS on (select public.requesting_user_id()).

import type { Database } from '@repo/db'
import { BLANK_NAME_CASES } from '@repo/db/testing'
import type { LocalSupabase } from '@repo/local-supabase'
import { createTestIssuer, type TestIssuer } from '@repo/local-supabase/testing'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import { SignJWT } from 'jose'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startRlsStack } from './support/rls-stack.ts'

const ALICE = 'user_2alice000000000000000000'
const BOB = 'user_2bob00000000000000000000'

let stack: LocalSupabase
let issuer: TestIssuer
let service: SupabaseClient<Database>

function clientWithToken(token: string | null): SupabaseClient<Database> {
  return createClient<Database>(stack.url, stack.anonKey, {
    accessToken: async () => token,
  })
}

async function clientFor(sub: string): Promise<SupabaseClient<Database>> {
  return clientWithToken(await issuer.sessionToken({ sub }))
}

/** A raw PostgREST call, to see statuses supabase-js would wrap. */
async function rawSelect(token: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${stack.url}/rest/v1/tasks?select=*`, {
    headers: { apikey: stack.anonKey, authorization: `Bearer ${token}` },
  })
  return { status: response.status, body: await response.text() }
}

beforeAll(async () => {
  ;({ stack, issuer, service } = await startRlsStack())
})

afterAll(async () => {
  await stack?.stop()
})

beforeEach(async () => {
  const { error } = await service.from('tasks').delete().gte('id', 0)
  expect(error).toBeNull()
})

async function seed(sub: string, name: string): Promise<number> {
  const { data, error } = await service
    .from('tasks')
    .insert({ name, user_id: sub })
    .select('id')
    .single()
  expect(error).toBeNull()
  return data?.id ?? -1
}

describe('each user sees and changes only their own rows', () => {
  it('selects only the caller’s tasks', async () => {
    await seed(ALICE, 'alice 1')
    await seed(ALICE, 'alice 2')
    await seed(BOB, 'bob 1')
    const alice = await clientFor(ALICE)
    const bob = await clientFor(BOB)
    const aliceRows = await alice.from('tasks').select('name, user_id').order('name')
    const bobRows = await bob.from('tasks').select('name, user_id')
    expect(aliceRows.error).toBeNull()
    expect(aliceRows.data).toEqual([
      { name: 'alice 1', user_id: ALICE },
      { name: 'alice 2', user_id: ALICE },
    ])
    expect(bobRows.data).toEqual([{ name: 'bob 1', user_id: BOB }])
  })

  it('defaults user_id to the caller on insert', async () => {
    const alice = await clientFor(ALICE)
    const { data, error } = await alice
      .from('tasks')
      .insert({ name: 'buy milk' })
      .select('name, user_id, done')
      .single()
    expect(error).toBeNull()
    expect(data).toEqual({ name: 'buy milk', user_id: ALICE, done: false })
  })

  it('cannot select, update or delete another user’s row', async () => {
    const bobTask = await seed(BOB, 'bob private')
    const alice = await clientFor(ALICE)

    const read = await alice.from('tasks').select('*').eq('id', bobTask)
    expect(read.data).toEqual([])

    const update = await alice
      .from('tasks')
      .update({ name: 'hacked', done: true })
      .eq('id', bobTask)
      .select()
    expect(update.error).toBeNull()
    expect(update.data).toEqual([])

    const removal = await alice.from('tasks').delete().eq('id', bobTask).select()
    expect(removal.error).toBeNull()
    expect(removal.data).toEqual([])

    const { data: after } = await service
      .from('tasks')
      .select('name, done, user_id')
      .eq('id', bobTask)
    expect(after).toEqual([{ name: 'bob private', done: false, user_id: BOB }])
  })

  it('updates and deletes the caller’s own rows', async () => {
    const aliceTask = await seed(ALICE, 'write tests')
    const alice = await clientFor(ALICE)
    const update = await alice
      .from('tasks')
      .update({ done: true })
      .eq('id', aliceTask)
      .select('done')
    expect(update.data).toEqual([{ done: true }])
    const removal = await alice.from('tasks').delete().eq('id', aliceTask).select('id')
    expect(removal.data).toEqual([{ id: aliceTask }])
    const { count } = await service.from('tasks').select('*', { count: 'exact', head: true })
    expect(count).toBe(0)
  })

  it('rejects inserting a row for someone else', async () => {
    const alice = await clientFor(ALICE)
    const { error } = await alice.from('tasks').insert({ name: 'forged', user_id: BOB })
    // Refused before RLS is even asked: users may not write user_id at all (column grants).
    expect(error?.code).toBe('42501')
    expect(error?.message).toMatch(/permission denied for table tasks/)
    const { count } = await service.from('tasks').select('*', { count: 'exact', head: true })
    expect(count).toBe(0)
  })

  it('rejects moving an own row to someone else', async () => {
    const aliceTask = await seed(ALICE, 'mine')
    const alice = await clientFor(ALICE)
    const { error } = await alice.from('tasks').update({ user_id: BOB }).eq('id', aliceTask)
    expect(error?.code).toBe('42501')
    expect(error?.message).toMatch(/permission denied for table tasks/)
    const { data } = await service.from('tasks').select('user_id').eq('id', aliceTask)
    expect(data).toEqual([{ user_id: ALICE }])
  })
})

describe('anonymous and service access', () => {
  it('the anon key alone may not touch tasks at all', async () => {
    await seed(ALICE, 'alice only')
    const anon = clientWithToken(null)
    const read = await anon.from('tasks').select('*')
    // anon holds no privilege on tasks (least privilege), so it is refused, not shown no rows.
    expect(read.error?.code).toBe('42501')
    expect(read.data).toBeNull()
    const write = await anon.from('tasks').insert({ name: 'anon spam', user_id: ALICE })
    expect(write.error?.code).toBe('42501')
    const { count } = await service.from('tasks').select('*', { count: 'exact', head: true })
    expect(count).toBe(1)
  })

  it('a token without a role claim falls back to anon and is refused', async () => {
    await seed(ALICE, 'alice only')
    const noRole = clientWithToken(await issuer.sessionToken({ sub: ALICE, role: null }))
    const { data, error } = await noRole.from('tasks').select('*')
    expect(error?.code).toBe('42501')
    expect(data).toBeNull()
  })

  it('the service key sees every row', async () => {
    await seed(ALICE, 'a')
    await seed(BOB, 'b')
    const { data } = await service.from('tasks').select('user_id').order('user_id')
    expect(data?.map((row) => row.user_id).sort()).toEqual([ALICE, BOB].sort())
  })
})

describe('tokens the data API must refuse', () => {
  const now = () => Math.floor(Date.now() / 1000)

  beforeEach(async () => {
    await seed(ALICE, 'secret of alice')
  })

  async function expectRejected(token: string) {
    const { status, body } = await rawSelect(token)
    expect(status).toBe(401)
    expect(body).not.toContain('secret of alice')
  }

  it('a token signed by another key', async () => {
    const stranger = await createTestIssuer(issuer.issuer)
    await expectRejected(await stranger.sessionToken({ sub: ALICE }))
  })

  it('an expired token', async () => {
    await expectRejected(await issuer.sessionToken({ sub: ALICE, expiresIn: -60, notBefore: -120 }))
  })

  it('a token whose nbf is in the future', async () => {
    await expectRejected(await issuer.sessionToken({ sub: ALICE, notBefore: 600, expiresIn: 900 }))
  })

  it('an unsigned token (alg: none)', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const kid = issuer.jwks.keys[0]?.kid
    const header = encode({ alg: 'none', typ: 'JWT', kid })
    const payload = encode({ sub: ALICE, role: 'authenticated', iat: now(), exp: now() + 60 })
    await expectRejected(`${header}.${payload}.`)
  })

  it('an HS256 token signed with the public key as the secret', async () => {
    const publicJwk = issuer.jwks.keys[0]
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk))
    const token = await new SignJWT({ role: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256', kid: publicJwk?.kid })
      .setSubject(ALICE)
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(secret)
    await expectRejected(token)
    // and with the modulus, the other "public key" bytes an attacker would try
    const modulus = new TextEncoder().encode(publicJwk?.n ?? '')
    const token2 = await new SignJWT({ role: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256', kid: publicJwk?.kid })
      .setSubject(ALICE)
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(modulus)
    await expectRejected(token2)
  })
})

describe('the database validates task names', () => {
  // The same table @repo/tasks' validation is tested with (packages/tasks/test/validation.test.ts).
  it.each(BLANK_NAME_CASES)('agrees with the forms on $label', async ({ name, blank }) => {
    const alice = await clientFor(ALICE)
    const { error } = await alice.from('tasks').insert({ name })
    if (blank) {
      expect(error?.code).toBe('23514')
      expect(error?.message).toContain('tasks_name_not_blank')
    } else {
      expect(error).toBeNull()
    }
  })

  it('rejects a 501-character name', async () => {
    const alice = await clientFor(ALICE)
    const { error } = await alice.from('tasks').insert({ name: 'x'.repeat(501) })
    expect(error?.code).toBe('23514')
    expect(error?.message).toContain('tasks_name_length')
  })

  it('accepts exactly 500 characters', async () => {
    const alice = await clientFor(ALICE)
    const { error } = await alice.from('tasks').insert({ name: 'y'.repeat(500) })
    expect(error).toBeNull()
  })

  it('round-trips Unicode names', async () => {
    const alice = await clientFor(ALICE)
    const name = 'Grüße 👋 — 日本語のタスク, עִבְרִית'
    const { data, error } = await alice.from('tasks').insert({ name }).select('name').single()
    expect(error).toBeNull()
    expect(data?.name).toBe(name)
    const read = await alice.from('tasks').select('name')
    expect(read.data).toEqual([{ name }])
  })
})

describe('ids and owners come from the database', () => {
  async function nextId(): Promise<number> {
    const { data } = await service
      .from('tasks')
      .insert({ name: 'probe', user_id: BOB })
      .select('id')
    return (data?.[0]?.id ?? 0) + 1
  }

  it('one user cannot take the ids another user’s inserts will get', async () => {
    const next = await nextId()
    const alice = await clientFor(ALICE)
    const squat = await alice
      .from('tasks')
      // @ts-expect-error the generated types already forbid it; the database must too
      .insert(Array.from({ length: 50 }, (_, i) => ({ id: next + i, name: `squat ${i}` })))
    // generated always: "cannot insert a non-DEFAULT value into column id"
    expect(squat.error?.code).toBe('428C9')
    const bob = await clientFor(BOB)
    const { data, error } = await bob.from('tasks').insert({ name: 'bob’s next' }).select('id')
    expect(error).toBeNull()
    expect(data?.[0]?.id).toBe(next)
  })

  it('a user cannot renumber their own row onto another id', async () => {
    const aliceTask = await seed(ALICE, 'mine')
    const alice = await clientFor(ALICE)
    const { error } = await alice
      .from('tasks')
      // @ts-expect-error the generated types already forbid it; the database must too
      .update({ id: aliceTask + 1000 })
      .eq('id', aliceTask)
    expect(error?.code).toBe('428C9')
  })

  it('a token whose sub is empty cannot create a row owned by nobody', async () => {
    const nobody = clientWithToken(await issuer.sessionToken({ sub: '' }))
    const { error } = await nobody.from('tasks').insert({ name: 'whose?' })
    expect(error).not.toBeNull()
    const viaService = await service.from('tasks').insert({ name: 'whose?', user_id: '' })
    expect(viaService.error?.code).toBe('23514')
    expect(viaService.error?.message).toContain('tasks_user_id_not_empty')
    const { count } = await service.from('tasks').select('*', { count: 'exact', head: true })
    expect(count).toBe(0)
  })

  // Below the gateway the policies give such a token nothing either: policies-demand-a-user.test.ts.
  it('a token whose sub is empty is refused before it reaches the database, and sees no row', async () => {
    const nobody = clientWithToken(await issuer.sessionToken({ sub: '' }))
    const { data, error, status } = await nobody.from('tasks').select('*')
    expect(status).toBe(401)
    expect(error?.message).toMatch(/"sub"/)
    expect(data).toBeNull()
  })
})

describe('the API roles hold only the privileges a policy uses', () => {
  let db: pg.Client

  beforeAll(async () => {
    db = new pg.Client({ connectionString: stack.dbUrl })
    await db.connect()
  })

  afterAll(async () => {
    await db?.end()
  })

  async function privileges(role: string): Promise<string[]> {
    const { rows } = await db.query<{ privilege: string }>(
      `select p.privilege || coalesce(' (' || c.column_name || ')', '') as privilege
         from (values ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE'),
                      ('REFERENCES'), ('TRIGGER')) as p(privilege)
         left join information_schema.columns c
           on c.table_schema = 'public' and c.table_name = 'tasks'
              and p.privilege in ('INSERT', 'UPDATE', 'SELECT', 'REFERENCES')
        where case when c.column_name is null
                then has_table_privilege($1, 'public.tasks', p.privilege)
                else has_column_privilege($1, 'public.tasks', c.column_name, p.privilege) end
        order by 1`,
      [role],
    )
    return rows.map((row) => row.privilege)
  }

  it('anon has no privilege on tasks, its id sequence or the owner helper', async () => {
    expect(await privileges('anon')).toEqual([])
    const { rows } = await db.query(
      `select has_sequence_privilege('anon', 'public.tasks_id_seq', 'usage, select, update') as seq,
              has_function_privilege('anon', 'public.requesting_user_id()', 'execute') as fn`,
    )
    expect(rows).toEqual([{ seq: false, fn: false }])
  })

  it('authenticated may read and delete rows, and write only name and done', async () => {
    expect(await privileges('authenticated')).toEqual([
      'DELETE',
      'INSERT (done)',
      'INSERT (name)',
      'SELECT (created_at)',
      'SELECT (done)',
      'SELECT (id)',
      'SELECT (name)',
      'SELECT (organization_id)',
      'SELECT (user_id)',
      'UPDATE (done)',
      'UPDATE (name)',
    ])
  })

  it('every policy reads the caller once per statement (an initplan)', async () => {
    await db.query('begin')
    try {
      await db.query('set local role authenticated')
      await db.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: ALICE, role: 'authenticated' }),
      ])
      for (const statement of [
        'select * from tasks',
        `update tasks set done = true`,
        'delete from tasks',
      ]) {
        const { rows } = await db.query<{ 'QUERY PLAN': string }>(`explain ${statement}`)
        const plan = rows.map((row) => row['QUERY PLAN']).join('\n')
        // The row filter compares user_id and organization_id with the initplans' values:
        // nothing is extracted from the token per row, and the (organization_id, user_id) index
        // finds both the caller's personal rows and the active organization's.
        expect(plan, statement).toMatch(
          /Index Cond: \(\(organization_id IS NULL\) AND \(user_id = \(InitPlan \d+\)\.col1\)\)/,
        )
        expect(plan, statement).toMatch(/Index Cond: \(organization_id = \(InitPlan \d+\)\.col1\)/)
        expect(plan, statement).not.toMatch(/requesting_|auth\.jwt|Seq Scan/)
      }
    } finally {
      await db.query('rollback')
    }
  })
})
