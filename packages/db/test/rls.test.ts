// The seed's promise, proven through the real data path: supabase-js -> gateway -> PostgREST
// (verifying RS256 tokens against a JWKS) -> Postgres RLS on (select auth.jwt()) ->> 'sub'.
import { type LocalSupabase, startLocalSupabase } from '@repo/local-supabase'
import { createTestIssuer, type TestIssuer } from '@repo/local-supabase/testing'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../src/index.ts'

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
  issuer = await createTestIssuer()
  stack = await startLocalSupabase({ trustedJwks: { jwks: issuer.jwks }, onLog: () => undefined })
  service = createClient<Database>(stack.url, stack.serviceRoleKey, {
    auth: { persistSession: false },
  })
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
    expect(error?.code).toBe('42501')
    expect(error?.message).toMatch(/row-level security/)
    const { count } = await service.from('tasks').select('*', { count: 'exact', head: true })
    expect(count).toBe(0)
  })

  it('rejects moving an own row to someone else', async () => {
    const aliceTask = await seed(ALICE, 'mine')
    const alice = await clientFor(ALICE)
    const { error } = await alice.from('tasks').update({ user_id: BOB }).eq('id', aliceTask)
    expect(error?.code).toBe('42501')
    const { data } = await service.from('tasks').select('user_id').eq('id', aliceTask)
    expect(data).toEqual([{ user_id: ALICE }])
  })
})

describe('anonymous and service access', () => {
  it('the anon key alone reads nothing and cannot insert', async () => {
    await seed(ALICE, 'alice only')
    const anon = clientWithToken(null)
    const read = await anon.from('tasks').select('*')
    expect(read.error).toBeNull()
    expect(read.data).toEqual([])
    const write = await anon.from('tasks').insert({ name: 'anon spam', user_id: ALICE })
    expect(write.error?.code).toBe('42501')
    const { count } = await service.from('tasks').select('*', { count: 'exact', head: true })
    expect(count).toBe(1)
  })

  it('a token without a role claim falls back to anon and sees nothing', async () => {
    await seed(ALICE, 'alice only')
    const noRole = clientWithToken(await issuer.sessionToken({ sub: ALICE, role: null }))
    const { data, error } = await noRole.from('tasks').select('*')
    expect(error).toBeNull()
    expect(data).toEqual([])
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
  it.each([
    ['an empty name', ''],
    ['a name of only spaces', '    '],
    ['a 501-character name', 'x'.repeat(501)],
  ])('rejects %s', async (_label, name) => {
    const alice = await clientFor(ALICE)
    const { error } = await alice.from('tasks').insert({ name })
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
