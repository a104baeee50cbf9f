// What Clerk's hosted service refuses, the emulator refuses too, over real HTTP: a handshake never
// hands a session to a site outside the instance's allowed origins, the Frontend API answers CORS
// only for those origins, and a GET never changes state through `_method`.

import { EnvError } from '@repo/env'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createEmulator } from '../src/emulator.ts'
import { readEnv } from '../src/env.ts'
import { generateSigningKeyPem, signingKeyFromPem } from '../src/keys.ts'
import { signInOverHttp } from '../src/testing.ts'
import { ALICE, type Harness, startHarness } from './support/harness.ts'

const APP = 'http://localhost:3000'
const EVIL = 'https://evil.example'

let harness: Harness

beforeAll(async () => {
  harness = await startHarness()
})
afterAll(async () => {
  await harness?.stop()
})

const signInAlice = (on: Harness = harness) =>
  signInOverHttp(on.url, ALICE.email, ALICE.password, APP)

const cookieHeader = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ')

interface ErrorBody {
  errors: { code: string; message: string; long_message: string; meta: unknown }[]
  clerk_trace_id: string
}

describe('handshake redirects go only to allowed origins', () => {
  /** The browser's visit to the handshake, carrying alice's emulator cookies. */
  async function handshake(redirect: string, format: 'nonce' | 'token', on: Harness = harness) {
    const session = await signInAlice(on)
    const query = new URLSearchParams({ redirect_url: redirect })
    if (format === 'nonce') query.set('format', 'nonce')
    return fetch(`${on.url}/__clerk/v1/client/handshake?${query}`, {
      headers: { cookie: cookieHeader(session.cookies) },
      redirect: 'manual',
    })
  }

  it.each([
    'https://evil.example/steal',
    'http://localhost:3000.evil.example/',
    'http://localhost:30001/',
    'https://localhost:3000/',
    'http://127.0.0.1:3000/',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s with Clerk’s invalid_handshake error and no session', async (redirect) => {
    for (const format of ['nonce', 'token'] as const) {
      const response = await handshake(redirect, format)
      expect(response.status).toBe(400)
      expect(response.headers.get('location')).toBeNull()
      const body = (await response.json()) as ErrorBody
      expect(body.errors[0]).toMatchObject({ code: 'invalid_handshake', meta: {} })
      expect(body.errors[0]?.long_message).toMatch(/^The handshake request is invalid: /)
      expect(body.clerk_trace_id).toEqual(expect.any(String))
    }
  })

  it('sends the local apps back with the result', async () => {
    for (const app of ['http://localhost:3000', 'http://localhost:3001']) {
      const response = await handshake(`${app}/ssr?x=1`, 'nonce')
      expect(response.status).toBe(307)
      const location = new URL(response.headers.get('location') ?? '')
      expect(location.origin).toBe(app)
      expect(location.searchParams.get('__clerk_handshake_nonce')).toMatch(/^[0-9a-f]{32}$/)
    }
  })

  it('allows more origins through the option, and at run time', async () => {
    const other = await startHarness({ allowedOrigins: ['http://localhost:5173/'] })
    try {
      expect((await handshake('http://localhost:5173/', 'token', other)).status).toBe(307)
      expect((await handshake('http://localhost:5174/', 'token', other)).status).toBe(400)
      other.emulator.allowOrigin('http://localhost:5174')
      expect((await handshake('http://localhost:5174/', 'token', other)).status).toBe(307)
    } finally {
      await other.stop()
    }
  })
})

describe('the Frontend API answers CORS only for allowed origins', () => {
  const signInCall = (origin: string) =>
    fetch(`${harness.url}/__clerk/v1/client/sign_ins`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ identifier: ALICE.email, password: ALICE.password }),
    })
  const preflight = (origin: string) =>
    fetch(`${harness.url}/__clerk/v1/client/sign_ins`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })

  it('refuses a preflight from another origin', async () => {
    const response = await preflight(EVIL)
    expect(response.ok).toBe(false)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(response.headers.get('access-control-allow-credentials')).toBeNull()
  })

  it('gives another origin no CORS headers, and refuses its call as Clerk does', async () => {
    const before = harness.emulator.store.clients.size
    const response = await signInCall(EVIL)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(response.headers.get('access-control-allow-credentials')).toBeNull()
    expect(response.status).toBe(400)
    expect(((await response.json()) as ErrorBody).errors[0]?.code).toBe('origin_invalid')
    expect(harness.emulator.store.clients.size).toBe(before)
  })

  it('echoes an allowed origin with credentials', async () => {
    const ok = await preflight(APP)
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-origin')).toBe(APP)
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true')
    const response = await signInCall(APP)
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe(APP)
    expect(response.headers.get('access-control-allow-credentials')).toBe('true')
  })
})

describe('_method overrides only a POST', () => {
  const call = (method: 'GET' | 'POST', path: string, cookies: Record<string, string>) =>
    fetch(`${harness.url}/__clerk/v1${path}`, {
      method,
      headers: { origin: APP, cookie: cookieHeader(cookies) },
    })
  const sessionStatus = (id: string) => harness.emulator.store.sessions.get(id)?.status

  it('a GET with _method=DELETE signs nobody out', async () => {
    const session = await signInAlice()
    for (const path of ['/client/sessions?_method=DELETE', '/client?_method=DELETE']) {
      await call('GET', path, session.cookies)
      expect(sessionStatus(session.sessionId), path).toBe('active')
    }
    expect(await session.getToken()).toMatch(/^ey/)
  })

  it('a POST with _method=DELETE signs out, as clerk-js sends it', async () => {
    const session = await signInAlice()
    const response = await call('POST', '/client/sessions?_method=DELETE', session.cookies)
    expect(response.status).toBe(200)
    expect(sessionStatus(session.sessionId)).toBe('removed')
  })
})

describe('CLERK_EMULATOR_ALLOWED_ORIGINS', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('adds comma-separated origins', () => {
    vi.stubEnv(
      'CLERK_EMULATOR_ALLOWED_ORIGINS',
      ' http://localhost:5173, https://app.example.com/ ',
    )
    expect(readEnv().allowedOrigins).toEqual(['http://localhost:5173', 'https://app.example.com'])
    vi.stubEnv('CLERK_EMULATOR_ALLOWED_ORIGINS', '')
    expect(readEnv().allowedOrigins).toEqual([])
  })

  it('names a value that is not an origin', () => {
    for (const value of ['localhost:5173', 'http://localhost:5173/app', '*']) {
      vi.stubEnv('CLERK_EMULATOR_ALLOWED_ORIGINS', value)
      expect(() => readEnv()).toThrow(EnvError)
      expect(() => readEnv()).toThrow(/CLERK_EMULATOR_ALLOWED_ORIGINS/)
    }
  })
})

describe('the default app origins follow the emulator’s hostname', () => {
  it('an emulator on 127.0.0.1 serves the local apps browsed on 127.0.0.1', () => {
    const key = signingKeyFromPem(generateSigningKeyPem(), 'test')
    const emulator = createEmulator({
      origin: 'http://127.0.0.1:4100',
      key,
      users: [],
      log: () => undefined,
    })
    expect([...emulator.allowedOrigins].sort()).toEqual(
      [
        'http://127.0.0.1:3000',
        'http://127.0.0.1:3001',
        'http://127.0.0.1:3002',
        'http://127.0.0.1:4100',
        'http://localhost:3000',
        'http://localhost:3001',
        'http://localhost:3002',
      ].sort(),
    )
  })
})
