import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GatewaySigner } from '../src/api-keys.ts'
import { authorizationFor, MAX_REQUEST_BODY_BYTES } from '../src/gateway.ts'
import { type LocalSupabase, startLocalSupabase } from '../src/index.ts'
import { createTestIssuer, type TestIssuer } from '../src/testing.ts'

const signer: GatewaySigner = {
  publicJwk: {},
  serviceRoleToken: async () => 'minted-service-role-jwt',
}
const keys = { anonKey: 'sb_publishable_a', serviceRoleKey: 'sb_secret_s', signer }

const encode = (text: string) => Buffer.from(text).toString('base64url')
const inAMinute = () => Math.floor(Date.now() / 1000) + 60
/** A JWS-shaped token with this payload text; the gateway only decodes, PostgREST verifies. */
const tokenWithPayload = (payload: string) =>
  `${encode('{"alg":"RS256","typ":"JWT"}')}.${encode(payload)}.c2lnbmF0dXJl`
const userToken = tokenWithPayload(
  JSON.stringify({ sub: 'user_1', role: 'authenticated', exp: inAMinute() }),
)

describe('Supabase API-key rules', () => {
  it('refuses a request with no API key', async () => {
    expect(await authorizationFor(undefined, undefined, keys)).toEqual({
      ok: false,
      message: 'No API key found in request',
    })
  })

  it('refuses an unknown API key', async () => {
    expect(await authorizationFor('sb_publishable_other', undefined, keys)).toEqual({
      ok: false,
      message: 'Invalid API key',
    })
  })

  it('the anon key alone sends no token, so PostgREST uses the anon role', async () => {
    expect(await authorizationFor('sb_publishable_a', undefined, keys)).toEqual({
      ok: true,
      authorization: undefined,
    })
    // supabase-js repeats the API key as the bearer when it has no session
    expect(await authorizationFor('sb_publishable_a', 'Bearer sb_publishable_a', keys)).toEqual({
      ok: true,
      authorization: undefined,
    })
  })

  it('the service_role key becomes a service_role token', async () => {
    expect(await authorizationFor('sb_secret_s', 'Bearer sb_secret_s', keys)).toEqual({
      ok: true,
      authorization: 'Bearer minted-service-role-jwt',
    })
  })

  it('a user token in Authorization wins over either key', async () => {
    for (const apiKey of ['sb_publishable_a', 'sb_secret_s']) {
      expect(await authorizationFor(apiKey, `Bearer ${userToken}`, keys)).toEqual({
        ok: true,
        authorization: `Bearer ${userToken}`,
      })
    }
  })
})

describe('user tokens the gateway refuses before PostgREST sees them', () => {
  const refusal = async (token: string) => {
    const decision = await authorizationFor('sb_publishable_a', `Bearer ${token}`, keys)
    expect(decision.ok).toBe(false)
    return decision.ok ? '' : decision.message
  }

  it('a role claim other than authenticated or anon, naming the role and the allowed ones', async () => {
    for (const role of ['service_role', 'postgres', 'supabase_admin', '', 42, null]) {
      const message = await refusal(
        tokenWithPayload(JSON.stringify({ sub: 'user_1', role, exp: inAMinute() })),
      )
      expect(message).toContain(`role claim ${JSON.stringify(role)}`)
      expect(message).toContain('"authenticated" or "anon"')
    }
  })

  it('a claim named twice (PostgREST reads the first one, JSON.parse the last)', async () => {
    const exp = inAMinute()
    for (const payload of [
      `{"sub":"user_1","role":"service_role","role":"authenticated","exp":${exp}}`,
      `{"sub":"user_1","r\\u006fle":"service_role","role":"authenticated","exp":${exp}}`,
      `{"sub":"user_1","role":"authenticated","exp":${exp},"exp":${exp}}`,
    ]) {
      expect(await refusal(tokenWithPayload(payload))).toMatch(/claim "(role|exp)" more than once/)
    }
  })

  it('a token with no exp claim, or a non-numeric one', async () => {
    for (const exp of [undefined, '9999999999', null]) {
      const message = await refusal(
        tokenWithPayload(JSON.stringify({ sub: 'user_1', role: 'authenticated', exp })),
      )
      expect(message).toContain('exp')
      expect(message).toContain('never expires')
    }
  })

  it('a token whose payload cannot be decoded', async () => {
    const header = encode('{"alg":"RS256"}')
    for (const token of [
      'not-a-jwt',
      `${header}.${encode('{"role":"authenticated"}')}`,
      `${header}.${encode('{"exp":1}')}=.sig`,
      `${header}.${encode('[1,2]')}.sig`,
      `${header}.${encode('{"role":')}.sig`,
      `${header}.${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.sig`,
    ]) {
      expect(await refusal(token)).toMatch(/not a JWT|payload/)
    }
  })

  it('lets through authenticated, anon and no role claim (PostgREST then uses anon)', async () => {
    for (const claims of [{ role: 'authenticated' }, { role: 'anon' }, {}]) {
      const token = tokenWithPayload(JSON.stringify({ sub: 'user_1', ...claims, exp: inAMinute() }))
      expect(await authorizationFor('sb_publishable_a', `Bearer ${token}`, keys)).toEqual({
        ok: true,
        authorization: `Bearer ${token}`,
      })
    }
  })
})

describe('the gateway in front of the real PostgREST', () => {
  const quiet = () => undefined
  let issuer: TestIssuer
  let stack: LocalSupabase
  let workDir: string

  beforeAll(async () => {
    issuer = await createTestIssuer()
    workDir = await mkdtemp(path.join(os.tmpdir(), 'local-supabase-gateway-'))
    await chmod(workDir, 0o755)
    const migrationsDir = path.join(workDir, 'migrations')
    await mkdir(migrationsDir)
    // A table of its own, so these tests do not move with the app's schema.
    await writeFile(
      path.join(migrationsDir, '20260101000000_notes.sql'),
      `create table public.notes (
        id bigint generated by default as identity primary key,
        user_id text not null default (auth.jwt() ->> 'sub'),
        body text not null
      );
      alter table public.notes enable row level security;
      create policy "own notes" on public.notes for all to authenticated
        using ((select auth.jwt()) ->> 'sub' = user_id)
        with check ((select auth.jwt()) ->> 'sub' = user_id);
      grant select, insert on public.notes to authenticated;
      -- Granted here, not left to default privileges: hosted no longer gives new public tables
      -- to anon, and the anon tests below need the table to reach RLS (no policy: no rows).
      grant select on public.notes to anon;
      grant usage on sequence public.notes_id_seq to authenticated;
      insert into public.notes (user_id, body) values ('alice', 'alice note'), ('bob', 'bob note');`,
    )
    stack = await startLocalSupabase({
      trustedJwks: { jwks: issuer.jwks },
      migrationsDir,
      seedFile: path.join(workDir, 'no-seed.sql'),
      onLog: quiet,
    })
  })

  afterAll(async () => {
    await stack?.stop()
    await rm(workDir, { recursive: true, force: true })
  })

  const headers = (token: string) => ({ apikey: stack.anonKey, authorization: `Bearer ${token}` })

  async function selectNotes(token: string, pathname = '/rest/v1/notes') {
    const response = await fetch(`${stack.url}${pathname}?select=user_id,body&order=user_id`, {
      headers: headers(token),
    })
    return { status: response.status, body: await response.json() }
  }

  const messageOf = (body: unknown) => (body as { message?: string } | null)?.message

  async function superuserRows(sql: string): Promise<unknown[]> {
    const client = new pg.Client({ connectionString: stack.dbUrl })
    await client.connect()
    try {
      return (await client.query(sql)).rows
    } finally {
      await client.end()
    }
  }

  it('a user token sees only its own rows (what the refusals below protect)', async () => {
    const alice = await issuer.sessionToken({ sub: 'alice' })
    expect(await selectNotes(alice)).toEqual({
      status: 200,
      body: [{ user_id: 'alice', body: 'alice note' }],
    })
  })

  it('refuses a trusted token whose role claim is service_role, which would bypass RLS', async () => {
    const forged = await issuer.sessionToken({ sub: 'alice', role: 'service_role' })
    const { status, body } = await selectNotes(forged)
    expect(JSON.stringify(body)).not.toContain('bob note')
    expect(status).toBe(401)
    expect(messageOf(body)).toContain('role claim "service_role"')
    expect(messageOf(body)).toContain('"authenticated" or "anon"')
  })

  it('refuses a trusted token that names its role twice, service_role first', async () => {
    const forged = await issuer.signPayload(
      `{"sub":"alice","role":"service_role","role":"authenticated","exp":${inAMinute()}}`,
    )
    const { status, body } = await selectNotes(forged)
    expect(JSON.stringify(body)).not.toContain('bob note')
    expect(status).toBe(401)
    expect(messageOf(body)).toContain('claim "role" more than once')
  })

  it('still serves role anon and tokens without a role claim as anon', async () => {
    for (const role of ['anon', null]) {
      const token = await issuer.sessionToken({ sub: 'alice', role })
      expect(await selectNotes(token)).toEqual({ status: 200, body: [] })
    }
  })

  it('refuses a trusted token with no exp claim', async () => {
    const forever = await issuer.sessionToken({ sub: 'alice', expiresIn: null })
    const { status, body } = await selectNotes(forever)
    expect(JSON.stringify(body)).not.toContain('alice note')
    expect(status).toBe(401)
    expect(messageOf(body)).toContain('no "exp" claim')
  })

  // What PostgREST 12.0.2 answers, measured: @repo/supabase-clerk's classifyDataError reads these
  // codes (hosted's PostgREST 14 says PGRST303 for expiry and words the others differently).
  it("passes PostgREST 12's JWT refusals through: all PGRST301, expiry says so", async () => {
    const stranger = await createTestIssuer()
    const alice = await issuer.sessionToken({ sub: 'alice' })
    const [header, payload] = alice.split('.')
    const cases = [
      [await issuer.sessionToken({ sub: 'alice', expiresIn: -60 }), 'JWT expired'],
      [await issuer.sessionToken({ sub: 'alice', notBefore: 600 }), 'JWTNotYetValid'],
      [await stranger.sessionToken({ sub: 'alice' }), 'JWSError JWSInvalidSignature'],
      [`${header}.${payload}.c2lnbmF0dXJl`, 'JWSError JWSInvalidSignature'],
    ]
    for (const [token, message] of cases) {
      expect(await selectNotes(token ?? '')).toEqual({
        status: 401,
        body: { code: 'PGRST301', details: null, hint: null, message },
      })
    }
  })

  it('refuses a bearer token it cannot decode, with its own message', async () => {
    const { status, body } = await selectNotes('not-a-jwt')
    expect(status).toBe(401)
    expect(messageOf(body)).toContain('not a JWT')
  })

  describe(`request bodies (limit ${MAX_REQUEST_BODY_BYTES} bytes)`, () => {
    /** A JSON insert of exactly `size` bytes. */
    const noteOfSize = (size: number, marker: string) => {
      const frame = JSON.stringify({ body: `${marker}:` })
      return JSON.stringify({ body: `${marker}:${'x'.repeat(size - frame.length)}` })
    }
    const insert = (body: string | ReadableStream<Uint8Array>, token: string) =>
      fetch(`${stack.url}/rest/v1/notes`, {
        method: 'POST',
        headers: { ...headers(token), 'content-type': 'application/json' },
        body,
        duplex: 'half',
      })
    const stored = async (marker: string) =>
      (await superuserRows(`select id from notes where body like '${marker}:%'`)).length

    it('answers 413 naming the limit when content-length is over it, and stores nothing', async () => {
      const alice = await issuer.sessionToken({ sub: 'alice' })
      const response = await insert(noteOfSize(MAX_REQUEST_BODY_BYTES + 1, 'over'), alice)
      expect(response.status).toBe(413)
      expect(messageOf(await response.json())).toContain(`${MAX_REQUEST_BODY_BYTES} bytes (1 MiB)`)
      expect(await stored('over')).toBe(0)
    })

    it('counts the bytes of a streamed body that has no content-length', async () => {
      const alice = await issuer.sessionToken({ sub: 'alice' })
      const text = new TextEncoder().encode(noteOfSize(2 * MAX_REQUEST_BODY_BYTES, 'streamed'))
      const chunk = 64 * 1024
      let offset = 0
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= text.length) return controller.close()
          controller.enqueue(text.subarray(offset, offset + chunk))
          offset += chunk
        },
      })
      const response = await insert(stream, alice)
      expect(response.status).toBe(413)
      expect(messageOf(await response.json())).toContain(`${MAX_REQUEST_BODY_BYTES} bytes`)
      expect(await stored('streamed')).toBe(0)
    })

    it('forwards a body of exactly the limit', async () => {
      const alice = await issuer.sessionToken({ sub: 'alice' })
      const response = await insert(noteOfSize(MAX_REQUEST_BODY_BYTES, 'at-limit'), alice)
      expect(response.status).toBe(201)
      expect(await stored('at-limit')).toBe(1)
    })
  })

  it('serves /rest/v1 and /rest/v1/..., and nothing that merely starts with /rest/v1', async () => {
    const alice = await issuer.sessionToken({ sub: 'alice' })
    const glued = await selectNotes(alice, '/rest/v1notes')
    expect(JSON.stringify(glued.body)).not.toContain('alice note')
    expect(glued.status).toBe(404)
    expect(messageOf(glued.body)).toContain('/rest/v1notes')
    for (const root of ['/rest/v1', '/rest/v1/']) {
      const response = await fetch(`${stack.url}${root}`, { headers: { apikey: stack.anonKey } })
      expect(response.status).toBe(200)
    }
  })
})
