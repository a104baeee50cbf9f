// For other packages' tests: an emulator on a free port with the seeded users, and a sign-in
// over real HTTP that yields the tokens and cookies a signed-in browser would hold.

import { existsSync } from 'node:fs'
import {
  localStack,
  readSeedOrganizations,
  type SeedOrganization,
  type SeedUser,
  seededUsers,
} from '@repo/local-stack'
import { type ClerkEmulator, createEmulator } from './emulator.ts'
import { chromiumPathSetting } from './env.ts'
import { generateSigningKeyPem, type SigningKey, signingKeyFromPem } from './keys.ts'
import { type RunningEmulatorServer, startEmulatorServer } from './server.ts'

export interface TestEmulator {
  emulator: ClerkEmulator
  server: RunningEmulatorServer
  url: string
  stop(): Promise<void>
}

let testKeyPem: string | undefined

/** One key per test process: generating RSA keys is the slow part of starting an emulator. */
export function testSigningKeyPem(): string {
  testKeyPem ??= generateSigningKeyPem()
  return testKeyPem
}

/**
 * A throwaway emulator on a free localhost port, with test endpoints on. Pass `key` (and `port`)
 * to stand in for the one `pnpm dev` runs, `frontendHost` and `secretKey` to be another instance,
 * `allowedOrigins` for apps not on the local ports (or `emulator.allowOrigin` once their port is
 * known).
 */
export async function startTestEmulator(
  options: {
    handshakeFormat?: 'auto' | 'token'
    port?: number
    key?: SigningKey
    frontendHost?: string
    secretKey?: string
    users?: SeedUser[]
    organizations?: SeedOrganization[]
    allowedOrigins?: string[]
    /** The webhook signing secret (random by default); endpoints come later (setWebhookEndpoints). */
    webhookSecret?: string
  } = {},
): Promise<TestEmulator> {
  const key = options.key ?? signingKeyFromPem(testSigningKeyPem(), 'test key')
  const { alice, bob, carol } = seededUsers()
  // The origin names the port, so find a free one by listening once.
  let port = options.port
  if (port === undefined) {
    const probe = await startEmulatorServer(
      createEmulator({ origin: 'http://localhost:1', key, users: [] }),
      0,
    )
    port = probe.port
    await probe.stop()
  }
  const emulator = createEmulator({
    origin: `http://localhost:${port}`,
    key,
    users: options.users ?? [alice, bob, carol],
    organizations: options.organizations ?? readSeedOrganizations(),
    testEndpoints: true,
    log: () => undefined,
    handshakeFormat: options.handshakeFormat,
    frontendHost: options.frontendHost,
    secretKey: options.secretKey,
    allowedOrigins: options.allowedOrigins,
    webhooks: { secret: options.webhookSecret },
  })
  const server = await startEmulatorServer(emulator, port)
  return { emulator, server, url: server.url, stop: () => server.stop() }
}

/** The fields of Frontend API replies this helper reads. */
interface FrontendApiReply {
  response: { created_session_id: string }
  client: { sessions: { user: { id: string } }[] }
  jwt: string
}

export interface HttpSession {
  userId: string
  sessionId: string
  /** The emulator's cookies (`__client`, `__client_uat`). */
  cookies: Record<string, string>
  /** A fresh session token, as clerk-js's session.getToken() would fetch it. */
  getToken(): Promise<string>
  /** As clerk-js's setActive({ organization }): null is the personal account. */
  setActiveOrganization(organizationId: string | null): Promise<void>
  /** The cookies a signed-in browser sends to the app: `__session` + `__client_uat`. */
  appCookieHeader(): Promise<string>
}

/** Signs in through the Frontend API over HTTP, keeping cookies like a browser. */
export async function signInOverHttp(
  emulatorUrl: string,
  email: string,
  password: string,
  appOrigin = localStack().apps.next.url,
): Promise<HttpSession> {
  const cookies: Record<string, string> = {}
  const call = async (path: string, form: Record<string, string> = {}) => {
    const response = await fetch(`${emulatorUrl}/__clerk/v1${path}`, {
      method: 'POST',
      headers: {
        origin: appOrigin,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: Object.entries(cookies)
          .map(([name, value]) => `${name}=${value}`)
          .join('; '),
      },
      body: new URLSearchParams(form),
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';')
      const index = pair.indexOf('=')
      cookies[pair.slice(0, index)] = pair.slice(index + 1)
    }
    const body = (await response.json()) as FrontendApiReply
    if (!response.ok) throw new Error(`sign-in as ${email} failed: ${JSON.stringify(body)}`)
    return body
  }
  const signIn = await call('/client/sign_ins', {
    identifier: email,
    password,
    strategy: 'password',
  })
  const sessionId = signIn.response.created_session_id
  const userId = signIn.client.sessions[0]?.user.id ?? ''
  await call(`/client/sessions/${sessionId}/touch`)
  const getToken = async () => (await call(`/client/sessions/${sessionId}/tokens`)).jwt
  return {
    userId,
    sessionId,
    cookies,
    getToken,
    setActiveOrganization: async (organizationId) => {
      await call(`/client/sessions/${sessionId}/touch`, {
        active_organization_id: organizationId ?? '',
      })
    },
    appCookieHeader: async () =>
      `__session=${await getToken()}; __client_uat=${cookies.__client_uat}`,
  }
}

/**
 * Debian's Chromium (or CHROMIUM_PATH) when present; undefined means "use Playwright's own
 * browser" (`npx playwright install chromium` on machines that can download it). The headless
 * shell first: it is what Playwright itself runs headless, and on two cores it costs the suite
 * less CPU than full Chromium in its new headless mode.
 */
export function systemChromium(): string | undefined {
  const candidates = [
    chromiumPathSetting(),
    '/usr/bin/chromium-headless-shell',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ]
  return candidates.find((candidate) => candidate && existsSync(candidate))
}

/** Without these, Chromium floods a closed network with update and sync requests. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
