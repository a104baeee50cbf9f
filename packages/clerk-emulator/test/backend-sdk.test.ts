// The real @clerk/backend (3 for @clerk/nextjs 7, 2 for @clerk/remix 4) authenticating requests
// against the emulator, as the apps' middleware will.
import { createClerkClient as createClerkClient2 } from 'clerk-backend-2'
import { createClerkClient as createClerkClient3 } from 'clerk-backend-3'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKeyPem, signingKeyFromPem } from '../src/index.ts'
import { ALICE, type Harness, startHarness } from './support/harness.ts'
import { FakeBrowser } from './support/requests.ts'

const APP = 'http://localhost:3000'
let nonceHarness: Harness
let tokenHarness: Harness

beforeAll(async () => {
  nonceHarness = await startHarness()
  tokenHarness = await startHarness({ handshakeFormat: 'token' })
})
afterAll(async () => {
  await nonceHarness?.stop()
  await tokenHarness?.stop()
})

const cookieHeader = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ')

/** A browser navigation to the app, carrying the app-side cookies. */
const documentRequest = (url: string, cookies: Record<string, string>) =>
  new Request(url, {
    headers: {
      cookie: cookieHeader(cookies),
      accept: 'text/html',
      'sec-fetch-dest': 'document',
    },
  })

/** The cookies clerk-js leaves on the app's domain after signing in. */
async function signedInCookies(harness: Harness) {
  const browser = new FakeBrowser(harness.emulator, APP)
  const { token } = await browser.signIn(ALICE.email, ALICE.password)
  return {
    browser,
    cookies: { __session: token, __client_uat: browser.cookies.__client_uat ?? '0' },
  }
}

/** What both SDK generations share, so one suite drives both. */
type ClientFactory = (options: { secretKey: string; publishableKey: string; apiUrl: string }) => {
  authenticateRequest(
    request: Request,
    options: { proxyUrl: string; authorizedParties: string[]; jwtKey?: string },
  ): Promise<{
    status: string
    isSignedIn: boolean
    headers: Headers
    toAuth(): { userId: string | null } | null
  }>
}

const sdks: [string, ClientFactory][] = [
  ['@clerk/backend 3', createClerkClient3 as unknown as ClientFactory],
  ['@clerk/backend 2', createClerkClient2 as unknown as ClientFactory],
]

describe.each(sdks)('%s authenticateRequest', (_name, createClerkClient) => {
  const clientFor = (harness: Harness) =>
    createClerkClient({
      secretKey: harness.emulator.instance.secretKey,
      publishableKey: harness.emulator.instance.publishableKey,
      apiUrl: harness.emulator.instance.origin,
    })
  const optionsFor = (harness: Harness) => ({
    proxyUrl: harness.emulator.instance.proxyUrl,
    authorizedParties: [APP],
  })

  it('is signed in from the browser’s cookies (JWKS from the Backend API)', async () => {
    const { cookies } = await signedInCookies(nonceHarness)
    const state = await clientFor(nonceHarness).authenticateRequest(
      documentRequest(`${APP}/ssr`, cookies),
      optionsFor(nonceHarness),
    )
    expect(state.status).toBe('signed-in')
    expect(state.toAuth()?.userId).toBe(ALICE.id)
  })

  it('is signed in networkless with the JWT key from print-env', async () => {
    const { cookies } = await signedInCookies(nonceHarness)
    const state = await clientFor(nonceHarness).authenticateRequest(
      documentRequest(`${APP}/`, cookies),
      { ...optionsFor(nonceHarness), jwtKey: nonceHarness.emulator.key.publicPem },
    )
    expect(state.status).toBe('signed-in')
    expect(state.toAuth()?.userId).toBe(ALICE.id)
  })

  it('is signed out with no cookies', async () => {
    const state = await clientFor(nonceHarness).authenticateRequest(
      documentRequest(`${APP}/`, {}),
      optionsFor(nonceHarness),
    )
    expect(state.status).toBe('signed-out')
    expect(state.isSignedIn).toBe(false)
  })

  it.each([
    ['nonce', () => nonceHarness],
    ['token', () => tokenHarness],
  ])('ends a handshake signed in (%s format)', async (format, harness) => {
    const { browser, cookies } = await signedInCookies(harness())
    // __client_uat without a session token: the SDK must ask the Frontend API.
    const withoutSession = { __client_uat: cookies.__client_uat }
    const clerk = clientFor(harness())
    const first = await clerk.authenticateRequest(
      documentRequest(`${APP}/ssr`, withoutSession),
      optionsFor(harness()),
    )
    expect(first.status).toBe('handshake')
    const handshakeUrl = first.headers.get('location') ?? ''
    expect(
      handshakeUrl.startsWith(`${harness().emulator.instance.proxyUrl}/v1/client/handshake`),
    ).toBe(true)

    const redirect = await browser.call('GET', handshakeUrl)
    expect(redirect.status).toBe(307)
    const back = redirect.headers?.location ?? ''
    expect(back).toContain(format === 'nonce' ? '__clerk_handshake_nonce=' : '__clerk_handshake=')

    const resolved = await clerk.authenticateRequest(
      documentRequest(back, withoutSession),
      optionsFor(harness()),
    )
    expect(resolved.status).toBe('signed-in')
    expect(resolved.toAuth()?.userId).toBe(ALICE.id)
    expect(resolved.headers.getSetCookie().some((c) => c.startsWith('__session='))).toBe(true)
  })

  it('rejects a session token signed by another key', async () => {
    const { cookies } = await signedInCookies(nonceHarness)
    const impostor = signingKeyFromPem(generateSigningKeyPem(), 'impostor')
    const [, payload = ''] = cookies.__session.split('.')
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: nonceHarness.emulator.key.kid, typ: 'JWT' })
      .sign(impostor.privateKey)
    for (const jwtKey of [undefined, nonceHarness.emulator.key.publicPem]) {
      const state = await clientFor(nonceHarness).authenticateRequest(
        documentRequest(`${APP}/`, { ...cookies, __session: forged }),
        { ...optionsFor(nonceHarness), jwtKey },
      )
      expect(state.isSignedIn).toBe(false)
      expect(state.toAuth()?.userId ?? null).toBeNull()
    }
  })
})
