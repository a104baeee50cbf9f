import { createRequire } from 'node:module'
import { childEnv } from '@repo/env/child-env'
import { APPS, presentApps } from '@repo/local-stack'
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from 'jose'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  appEnv,
  type ClerkEmulator,
  cookieSuffixFor,
  createEmulator,
  generateSigningKeyPem,
  publishableKeyFor,
  signingKeyFromPem,
  toDotenv,
} from '../src/index.ts'
import { ALICE, BOB, testKeyPem } from './support/harness.ts'
import { FakeBrowser } from './support/requests.ts'

/**
 * `getCookieSuffix` from the @clerk/shared that this @clerk/backend reads suffixed cookies with
 * (each major pins its own), not a copy of its algorithm.
 */
function clerkSharedCookieSuffix(backend: 'clerk-backend-3' | 'clerk-backend-2') {
  const fromBackend = createRequire(createRequire(import.meta.url).resolve(backend))
  const keys = fromBackend('@clerk/shared/keys') as {
    getCookieSuffix(publishableKey: string): Promise<string>
  }
  return keys.getCookieSuffix
}

let emulator: ClerkEmulator
let browser: FakeBrowser

function makeEmulator(testEndpoints = false) {
  return createEmulator({
    origin: 'http://localhost:4100',
    key: signingKeyFromPem(testKeyPem(), 'test key'),
    users: [ALICE, BOB],
    testEndpoints,
    log: () => undefined,
  })
}

beforeEach(() => {
  emulator = makeEmulator()
  browser = new FakeBrowser(emulator)
})

describe('instance identity', () => {
  it('encodes the Frontend API host in a production publishable key', () => {
    const key = publishableKeyFor('clerk.emulator.example')
    expect(key.startsWith('pk_live_')).toBe(true)
    expect(Buffer.from(key.slice('pk_live_'.length), 'base64').toString()).toBe(
      'clerk.emulator.example$',
    )
    expect(emulator.instance.proxyUrl).toBe('http://localhost:4100/__clerk')
  })

  it.each(['clerk-backend-3', 'clerk-backend-2'] as const)(
    'names its suffixed cookies as %s’s @clerk/shared does',
    async (backend) => {
      const getCookieSuffix = clerkSharedCookieSuffix(backend)
      // The default host's suffix has a '-', so a suffix that is not base64url differs here.
      for (const host of ['clerk.emulator.example', 'clerk.example.com', 'clerk.other.test']) {
        const publishableKey = publishableKeyFor(host)
        expect(cookieSuffixFor(publishableKey), host).toBe(await getCookieSuffix(publishableKey))
      }
      // The cookie @clerk/backend looks for is the one the emulator sets.
      await browser.signIn(ALICE.email, ALICE.password)
      const suffix = await getCookieSuffix(emulator.instance.publishableKey)
      expect(browser.cookies[`__client_uat_${suffix}`]).toBe(browser.cookies.__client_uat)
      expect(Number(browser.cookies.__client_uat)).toBeGreaterThan(0)
    },
  )

  it('accepts only 2048-bit RSA signing keys', async () => {
    const { generateKeyPairSync } = await import('node:crypto')
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString()
    expect(() => signingKeyFromPem(small, 'CLERK_EMULATOR_SIGNING_KEY')).toThrow(/2048-bit RSA/)
    expect(signingKeyFromPem(generateSigningKeyPem(), 'new').publicJwk).toMatchObject({
      kty: 'RSA',
      alg: 'RS256',
      e: 'AQAB',
    })
  })
})

describe('session tokens', () => {
  it('carry Clerk’s claims plus role: authenticated, RS256-signed with a kid in the JWKS', async () => {
    const { sessionId, token } = await browser.signIn(ALICE.email, ALICE.password)
    const header = decodeProtectedHeader(token)
    const claims = decodeJwt(token)
    expect(header.alg).toBe('RS256')
    expect(claims).toMatchObject({
      sub: ALICE.id,
      sid: sessionId,
      iss: 'https://clerk.emulator.example',
      azp: 'http://localhost:3000',
      v: 2,
      fva: [0, -1],
      role: 'authenticated',
    })
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(60)
    expect(claims.nbf).toBeLessThanOrEqual(claims.iat ?? 0)

    const jwks = await emulator.handle({
      method: 'GET',
      url: new URL('http://localhost:4100/.well-known/jwks.json'),
      headers: {},
      cookies: {},
      body: {},
    })
    const [jwk] = (jwks.body as { keys: Record<string, string>[] }).keys
    expect(jwk?.kid).toBe(header.kid)
    await expect(jwtVerify(token, await importJWK(jwk ?? {}, 'RS256'))).resolves.toBeTruthy()
  })

  it('are refused for a session that has ended', async () => {
    const { sessionId } = await browser.signIn(ALICE.email, ALICE.password)
    await browser.fapi('POST', `/client/sessions/${sessionId}/end`)
    const token = await browser.fapi('POST', `/client/sessions/${sessionId}/tokens`)
    expect(token.status).toBe(401)
  })

  it('name the deprecated Supabase JWT template instead of minting one', async () => {
    const { sessionId } = await browser.signIn(ALICE.email, ALICE.password)
    const reply = await browser.fapi('POST', `/client/sessions/${sessionId}/tokens/supabase`)
    expect(reply.status).toBe(404)
    expect(reply.json.errors[0].long_message).toContain('native Supabase integration')
  })
})

describe('sign-in', () => {
  it('one step: identifier and password complete it and set the client cookies', async () => {
    const reply = await browser.fapi('POST', '/client/sign_ins', {
      identifier: ALICE.email,
      password: ALICE.password,
      strategy: 'password',
    })
    expect(reply.status).toBe(200)
    expect(reply.json.response.status).toBe('complete')
    expect(reply.json.client.sessions[0].user.id).toBe(ALICE.id)
    expect(browser.cookies.__client).toMatch(/^client_/)
    expect(Number(browser.cookies.__client_uat)).toBeGreaterThan(0)
    expect(browser.cookies[`__client_uat_${emulator.instance.cookieSuffix}`]).toBe(
      browser.cookies.__client_uat,
    )
  })

  it('two steps: identifier first, then the password factor', async () => {
    const first = await browser.fapi('POST', '/client/sign_ins', { identifier: BOB.email })
    expect(first.json.response.status).toBe('needs_first_factor')
    expect(first.json.response.supported_first_factors).toContainEqual({ strategy: 'password' })
    const id = first.json.response.id
    const wrong = await browser.fapi('POST', `/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'password',
      password: 'nope-nope',
    })
    expect(wrong.status).toBe(422)
    const done = await browser.fapi('POST', `/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'password',
      password: BOB.password,
    })
    expect(done.json.response.status).toBe('complete')
    expect(done.json.client.last_active_session_id).toBe(done.json.response.created_session_id)
  })

  it('a wrong password is 422 form_password_incorrect on the password field', async () => {
    const reply = await browser.fapi('POST', '/client/sign_ins', {
      identifier: ALICE.email,
      password: 'wrong-password',
    })
    expect(reply.status).toBe(422)
    expect(reply.json.errors[0]).toMatchObject({
      code: 'form_password_incorrect',
      meta: { param_name: 'password' },
    })
  })

  it('an unknown email is 422 form_identifier_not_found', async () => {
    const reply = await browser.fapi('POST', '/client/sign_ins', {
      identifier: 'nobody@example.com',
    })
    expect(reply.status).toBe(422)
    expect(reply.json.errors[0]).toMatchObject({
      code: 'form_identifier_not_found',
      meta: { param_name: 'identifier' },
    })
  })

  it('sign-out ends the session and zeroes __client_uat', async () => {
    await browser.signIn(ALICE.email, ALICE.password)
    const reply = await browser.fapi('DELETE', '/client/sessions')
    expect(reply.json.client.sessions).toEqual([])
    expect(browser.cookies.__client_uat).toBe('0')
    const client = await browser.fapi('GET', '/client')
    expect(client.json.response.sessions).toEqual([])
  })
})

describe('sign-up', () => {
  it('email + password, verified by the fixed code, creates a user and a session', async () => {
    const created = await browser.fapi('POST', '/client/sign_ups', {
      email_address: 'carol@example.com',
      password: 'carol-password',
    })
    expect(created.json.response).toMatchObject({
      status: 'missing_requirements',
      unverified_fields: ['email_address'],
    })
    const id = created.json.response.id
    const prepared = await browser.fapi('POST', `/client/sign_ups/${id}/prepare_verification`, {
      strategy: 'email_code',
    })
    expect(prepared.json.response.verifications.email_address.next_action).toBe('needs_attempt')
    const wrong = await browser.fapi('POST', `/client/sign_ups/${id}/attempt_verification`, {
      strategy: 'email_code',
      code: '000000',
    })
    expect(wrong.json.errors[0].code).toBe('form_code_incorrect')
    const done = await browser.fapi('POST', `/client/sign_ups/${id}/attempt_verification`, {
      strategy: 'email_code',
      code: emulator.verificationCode,
    })
    expect(done.json.response.status).toBe('complete')
    const userId = done.json.response.created_user_id
    expect(userId).toMatch(/^user_/)
    expect(done.json.client.sessions[0].user.id).toBe(userId)
    expect(emulator.store.findUserByEmail('carol@example.com')?.id).toBe(userId)
  })

  it('an email that is taken is 422 form_identifier_exists', async () => {
    const reply = await browser.fapi('POST', '/client/sign_ups', {
      email_address: ALICE.email,
      password: 'whatever-password',
    })
    expect(reply.status).toBe(422)
    expect(reply.json.errors[0]).toMatchObject({
      code: 'form_identifier_exists',
      meta: { param_name: 'email_address' },
    })
  })
})

describe('Backend API', () => {
  const bapi = (method: string, path: string, secret: string | null, jsonBody?: unknown) =>
    emulator.handle({
      method,
      url: new URL(path, 'http://localhost:4100'),
      headers: secret ? { authorization: `Bearer ${secret}` } : {},
      cookies: {},
      body: {},
      jsonBody,
    })

  it('refuses calls without the secret key', async () => {
    expect((await bapi('GET', '/v1/jwks', null)).status).toBe(401)
    expect((await bapi('GET', '/v1/jwks', 'sk_live_wrong')).status).toBe(401)
  })

  it('serves the JWKS, users, and creates users', async () => {
    const secret = emulator.instance.secretKey
    const jwks = await bapi('GET', '/v1/jwks', secret)
    expect((jwks.body as { keys: unknown[] }).keys).toHaveLength(1)
    const alice = await bapi('GET', `/v1/users/${ALICE.id}`, secret)
    expect(alice.body).toMatchObject({ object: 'user', id: ALICE.id })
    const list = await bapi('GET', `/v1/users?email_address=${ALICE.email}`, secret)
    expect((list.body as { id: string }[]).map((user) => user.id)).toEqual([ALICE.id])
    const created = await bapi('POST', '/v1/users', secret, {
      email_address: ['dave@example.com'],
      password: 'dave-password',
    })
    expect(created.body).toMatchObject({ object: 'user' })
    const count = await bapi('GET', '/v1/users/count', secret)
    expect(count.body).toEqual({ object: 'total_count', total_count: 3 })
    expect((await bapi('GET', '/v1/users/user_missing', secret)).status).toBe(404)
  })
})

describe('handshake nonces', () => {
  const payload = async (nonce: string | null) =>
    (
      await emulator.handle({
        method: 'GET',
        url: new URL(`http://localhost:4100/v1/clients/handshake_payload?nonce=${nonce}`),
        headers: { authorization: `Bearer ${emulator.instance.secretKey}` },
        cookies: {},
        body: {},
      })
    ).body as { directives: string[] }
  const handshake = async (redirect: string) => {
    const reply = await browser.call(
      'GET',
      `/__clerk/v1/client/handshake?redirect_url=${encodeURIComponent(redirect)}&format=nonce`,
    )
    return new URL(reply.headers?.location ?? '').searchParams
  }

  it('replace an earlier handshake result in the redirect URL instead of stacking', async () => {
    const back = await handshake('http://localhost:3000/ssr?__clerk_handshake_nonce=old')
    expect(back.getAll('__clerk_handshake_nonce')).toHaveLength(1)
    expect(back.get('__clerk_handshake_nonce')).not.toBe('old')
  })

  it('can be resolved again, and then reflect who is signed in now', async () => {
    await browser.signIn(ALICE.email, ALICE.password)
    const nonce = (await handshake('http://localhost:3000/')).get('__clerk_handshake_nonce')
    expect((await payload(nonce)).directives[0]).toMatch(/^__session=ey/)
    await browser.fapi('DELETE', '/client/sessions')
    expect((await payload(nonce)).directives[0]).toBe('__session=; Path=/; SameSite=Lax; Max-Age=0')
  })
})

describe('what the emulator does not do', () => {
  it('answers an unknown endpoint with a Clerk-style 404 naming it, and logs it', async () => {
    const reply = await browser.fapi('POST', '/client/organizations')
    expect(reply.status).toBe(404)
    expect(reply.json.errors[0].message).toBe(
      'The Clerk emulator does not handle POST /__clerk/v1/client/organizations',
    )
    expect(emulator.requestLog.at(-1)).toEqual({
      method: 'POST',
      path: '/__clerk/v1/client/organizations',
      status: 404,
      handled: false,
    })
  })

  it('answers an unknown read from a browser with no client 404, not "signed out"', async () => {
    const reply = await emulator.handle({
      method: 'GET',
      url: new URL('http://localhost:4100/__clerk/v1/client/unknown_resource'),
      headers: { origin: 'http://localhost:3000' },
      cookies: {},
      body: {},
    })
    expect(reply.status).toBe(404)
    expect(JSON.stringify(reply.body)).toContain(
      'The Clerk emulator does not handle GET /__clerk/v1/client/unknown_resource',
    )
  })

  it('keeps test endpoints off unless enabled', async () => {
    const reset = {
      method: 'POST',
      url: new URL('http://localhost:4100/__emulator/reset'),
      headers: {},
      cookies: {},
      body: {},
    }
    expect((await emulator.handle(reset)).status).toBe(404)
    const testing = makeEmulator(true)
    expect((await testing.handle(reset)).status).toBe(200)
  })
  it('counts every request past the log’s 2,000 entries, leaving its own test endpoints out', async () => {
    const testing = makeEmulator(true)
    const get = (path: string) => ({
      method: 'GET',
      url: new URL(`http://localhost:4100${path}`),
      headers: {},
      cookies: {},
      body: {},
    })
    const count = async () => (await testing.handle(get('/__emulator/request-count'))).body
    for (let i = 0; i < 2_500; i++) await testing.handle(get('/.well-known/jwks.json'))
    expect(testing.requestLog).toHaveLength(2_000)
    expect(await count()).toEqual({ count: 2_500 })
  })
  it('keeps every unhandled request after the log has dropped it', async () => {
    const testing = makeEmulator(true)
    const get = (path: string) => ({
      method: 'GET',
      url: new URL(`http://localhost:4100${path}`),
      headers: {},
      cookies: {},
      body: {},
    })
    await testing.handle(get('/not-a-route'))
    for (let i = 0; i < 2_500; i++) await testing.handle(get('/.well-known/jwks.json'))
    expect(testing.requestLog.some((entry) => !entry.handled)).toBe(false)
    expect(testing.unhandledRequests).toEqual([
      { method: 'GET', path: '/not-a-route', status: 404, handled: false },
    ])
  })
})

describe('print-env', () => {
  it('gives each app its own variable names, with the emulator’s values', () => {
    const env = appEnv(emulator.instance, emulator.key, emulator.webhookSecret)
    expect(env.next).toMatchObject({
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: emulator.instance.publishableKey,
      NEXT_PUBLIC_CLERK_PROXY_URL: 'http://localhost:4100/__clerk',
      NEXT_PUBLIC_CLERK_JS_URL: 'http://localhost:4100/js/clerk-6/clerk.browser.js',
      NEXT_PUBLIC_CLERK_UI_URL: 'http://localhost:4100/js/clerk-ui-1/ui.browser.js',
      CLERK_API_URL: 'http://localhost:4100',
    })
    expect(env.remix).toMatchObject({
      CLERK_PUBLISHABLE_KEY: emulator.instance.publishableKey,
      CLERK_JS: 'http://localhost:4100/js/clerk-5/clerk.browser.js',
      CLERK_PROXY_URL: 'http://localhost:4100/__clerk',
    })
    expect(env.remix.CLERK_JWT_KEY).toContain('BEGIN PUBLIC KEY')
  })

  it('writes the PEM as one dotenv line that dotenv turns back into the PEM', () => {
    const text = toDotenv({ CLERK_JWT_KEY: emulator.key.publicPem.trim(), A: 'b' })
    expect(text.split('\n').filter(Boolean)).toHaveLength(2)
    const line = text.split('\n')[0] ?? ''
    const value = line.slice('CLERK_JWT_KEY="'.length, -1).replace(/\\n/g, '\n')
    expect(value).toBe(emulator.key.publicPem.trim())
  })
})

describe('the print-env command', () => {
  it('prints each app’s env and exits, delivering no webhook', async () => {
    const { execFile } = await import('node:child_process')
    const { promisify } = await import('node:util')
    const packageDir = new URL('..', import.meta.url).pathname
    // It used to build an emulator with the seeded users and the apps' webhook endpoints, which
    // delivered user.created to each app and kept retrying: the command never exited.
    const [app = 'next'] = presentApps()
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'print-env', app],
      {
        cwd: packageDir,
        env: childEnv({ CLERK_EMULATOR_WEBHOOK_ENDPOINTS: 'http://127.0.0.1:9/hook' }),
        timeout: 60_000,
      },
    )
    expect(stdout.split('\n')[0]).toBe(`# apps/${app}`)
    expect(stdout).toContain(`${APPS[app].variables.clerk.publishableKey}=pk_`)
    expect(stdout).toContain(`${APPS[app].variables.clerk.jsUrl}=`)
    expect(`${stdout}${stderr}`).not.toContain('user.created')
  })
})
