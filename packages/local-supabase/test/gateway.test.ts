import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createClient } from '@supabase/supabase-js'
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

// Hosted Supabase's gateway answers, as hosted projects answer them (its code is not public):
// 401, the body, and the code in its sb-error-code header.
const HOSTED = {
  noApiKey: {
    ok: false,
    errorCode: 'UNAUTHORIZED_MISSING_API_KEY',
    body: {
      message: 'No API key found in request',
      hint: 'No `apikey` request header or url param was found.',
    },
  },
  invalidApiKey: {
    ok: false,
    errorCode: 'UNAUTHORIZED_INVALID_API_KEY',
    body: {
      message: 'Invalid API key',
      hint: 'Double check the provided API key for typos. This API key might also be owned by another Supabase project.',
    },
  },
  secretKeyInBrowser: {
    ok: false,
    errorCode: 'UNAUTHORIZED_INVALID_API_KEY_TYPE',
    body: {
      message: 'Forbidden use of secret API key in browser',
      hint: 'Secret API keys can only be used in a protected environment and should never be used in a browser. Delete this secret API key immediately!',
    },
  },
}

/** User-Agents that browsers (and browser-like tools hosted refuses the same way) send. */
const BROWSER_USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:144.0) Gecko/20100101 Firefox/144.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.26100; en-US) PowerShell/7.5.0',
]
/** What servers and scripts send: Node's fetch (supabase-js on a server), curl, none at all. */
const SERVER_USER_AGENTS = ['node', 'curl/8.5.0', 'undici', 'MyBackend/1.0 (Macintosh)', undefined]

describe('Supabase API-key rules', () => {
  it("refuses a request with no API key, with hosted's body", async () => {
    expect(await authorizationFor(undefined, undefined, keys)).toEqual(HOSTED.noApiKey)
  })

  it("refuses an unknown API key, with hosted's body", async () => {
    expect(await authorizationFor('sb_publishable_other', undefined, keys)).toEqual(
      HOSTED.invalidApiKey,
    )
  })

  it('refuses the secret key from a browser, with or without a user token', async () => {
    for (const userAgent of BROWSER_USER_AGENTS) {
      for (const authorization of [undefined, 'Bearer sb_secret_s', `Bearer ${userToken}`]) {
        expect(await authorizationFor('sb_secret_s', authorization, keys, userAgent)).toEqual(
          HOSTED.secretKeyInBrowser,
        )
      }
    }
  })

  it('refuses only an sb_secret_ key from a browser, as hosted: not a legacy service_role JWT', async () => {
    const legacy = {
      ...keys,
      serviceRoleKey: 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.s',
    }
    for (const userAgent of BROWSER_USER_AGENTS) {
      expect(await authorizationFor(legacy.serviceRoleKey, undefined, legacy, userAgent)).toEqual({
        ok: true,
        authorization: 'Bearer minted-service-role-jwt',
      })
    }
  })

  it('accepts the secret key from servers, and the publishable key from browsers', async () => {
    for (const userAgent of SERVER_USER_AGENTS) {
      expect(await authorizationFor('sb_secret_s', undefined, keys, userAgent)).toEqual({
        ok: true,
        authorization: 'Bearer minted-service-role-jwt',
      })
    }
    for (const userAgent of BROWSER_USER_AGENTS) {
      expect(await authorizationFor('sb_publishable_a', undefined, keys, userAgent)).toEqual({
        ok: true,
        authorization: undefined,
      })
    }
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
    return decision.ok ? '' : decision.body.message
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

  it('an authenticated token without a non-empty string sub, organization claim or not', async () => {
    const o = { id: 'org_1', rol: 'admin', slg: 'org-1', per: '', fpm: '' }
    for (const sub of [undefined, '', ' ', 42, null, ['user_1']]) {
      for (const extra of [{ o }, {}]) {
        const message = await refusal(
          tokenWithPayload(
            JSON.stringify({ sub, role: 'authenticated', exp: inAMinute(), ...extra }),
          ),
        )
        expect(message).toContain('"sub"')
        expect(message).toContain('role "authenticated"')
      }
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
      -- to the API roles. The anon tests below need the table to reach RLS (no policy: no
      -- rows), the service key tests to read it past RLS.
      grant select on public.notes to anon, service_role;
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

  // Organization policies read `o` from the token; one with no user must not reach them.
  it('refuses a trusted token with an organization but no sub, or an empty one', async () => {
    const o = { id: 'org_1', rol: 'admin', slg: 'org-1', per: '', fpm: '' }
    for (const sub of [{}, { sub: '' }]) {
      const forged = await issuer.signPayload(
        JSON.stringify({ ...sub, role: 'authenticated', o, v: 2, exp: inAMinute() }),
      )
      const { status, body } = await selectNotes(forged)
      expect(status).toBe(401)
      expect(messageOf(body)).toContain('"sub"')
    }
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

  it("codes that refusal PGRST301, as hosted's PostgREST does for a token it cannot decode", async () => {
    for (const token of ['not-a-jwt', tokenWithPayload('[1,2]')]) {
      const { body } = await selectNotes(token)
      expect(body).toMatchObject({ code: 'PGRST301', details: null })
    }
  })

  describe("API-key refusals, with hosted's bodies and sb-error-code", () => {
    const BROWSER =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36'
    const get = async (headers: Record<string, string>, search = '') => {
      const response = await fetch(`${stack.url}/rest/v1/notes?select=body${search}`, { headers })
      return {
        status: response.status,
        errorCode: response.headers.get('sb-error-code'),
        body: await response.json(),
      }
    }
    const refusal = ({ errorCode, body }: { errorCode: string; body: unknown }) => ({
      status: 401,
      errorCode,
      body,
    })

    it('no API key', async () => {
      expect(await get({})).toEqual(refusal(HOSTED.noApiKey))
    })

    it("an API key that is neither of the stack's", async () => {
      expect(await get({ apikey: 'sb_publishable_not_this_stacks' })).toEqual(
        refusal(HOSTED.invalidApiKey),
      )
    })

    it('the secret key from a browser, in the header or the query, and stores nothing', async () => {
      expect(await get({ apikey: stack.serviceRoleKey, 'user-agent': BROWSER })).toEqual(
        refusal(HOSTED.secretKeyInBrowser),
      )
      expect(
        await get({ 'user-agent': BROWSER }, `&apikey=${encodeURIComponent(stack.serviceRoleKey)}`),
      ).toEqual(refusal(HOSTED.secretKeyInBrowser))
      const insert = await fetch(`${stack.url}/rest/v1/notes`, {
        method: 'POST',
        headers: {
          apikey: stack.serviceRoleKey,
          'user-agent': BROWSER,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ user_id: 'alice', body: 'from-a-browser' }),
      })
      expect(insert.status).toBe(401)
      expect(await superuserRows("select id from notes where body = 'from-a-browser'")).toEqual([])
    })

    it('server-side supabase-js with the secret key (Node fetch) still bypasses RLS', async () => {
      const service = createClient(stack.url, stack.serviceRoleKey, {
        auth: { persistSession: false },
      })
      const { data, error } = await service
        .from('notes')
        .select('user_id')
        .in('user_id', ['alice', 'bob'])
        .order('user_id')
      expect(error).toBeNull()
      expect(new Set(data?.map((row) => row.user_id))).toEqual(new Set(['alice', 'bob']))
    })

    it('the publishable key from a browser is served', async () => {
      const alice = await issuer.sessionToken({ sub: 'alice' })
      expect(
        await fetch(`${stack.url}/rest/v1/notes?select=body`, {
          headers: {
            apikey: stack.anonKey,
            authorization: `Bearer ${alice}`,
            'user-agent': BROWSER,
          },
        }).then((response) => response.status),
      ).toBe(200)
    })
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
