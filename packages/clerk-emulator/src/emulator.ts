import { APP_NAMES, localStack, type SeedOrganization, type SeedUser } from '@repo/local-stack'
import { createBackendApi } from './backend-api.ts'
import { bundleUrls, resolveBundleFile } from './bundles.ts'
import { clerkError } from './errors.ts'
import { createFrontendApi } from './frontend-api.ts'
import { type EmulatorReply, type EmulatorRequest, json } from './http-types.ts'
import { createInstance, type Instance, PROXY_PATH, parseOrigin } from './instance.ts'
import { randomSecretKey, type SigningKey } from './keys.ts'
import type { EnvironmentOptions } from './resources.ts'
import { backendMembershipJSON, backendOrganizationJSON, backendUserJSON } from './resources.ts'
import { Store, type StoreEvent } from './store.ts'
import { newWebhookSecret } from './webhook-signature.ts'
import { createWebhookDispatcher, type WebhookDispatcher } from './webhooks.ts'

export interface EmulatorOptions {
  /** Public origin, e.g. http://localhost:4100; must share the app's hostname (cookies). */
  origin: string
  key: SigningKey
  users: SeedUser[]
  organizations?: SeedOrganization[]
  /** Keep users created by sign-up here, so a restart does not orphan their data. */
  usersFile?: string
  /** Keep organizations created at run time here, for the same reason. */
  organizationsFile?: string
  /** Encoded in the publishable key and used as the token issuer host. */
  frontendHost?: string
  secretKey?: string
  environment?: Partial<EnvironmentOptions>
  verificationCode?: string
  handshakeFormat?: 'auto' | 'token'
  /**
   * Origins of apps on other ports or hosts that may use this instance, on top of the local apps
   * (@repo/local-stack) and the emulator's own origin: as Clerk, the Frontend API answers CORS and
   * handshakes redirect only for the instance's allowed origins.
   */
  allowedOrigins?: string[]
  /**
   * Where to deliver webhooks for the changes the emulator makes (none by default), the signing
   * secret (random by default) and how fast to retry.
   */
  webhooks?: { endpoints?: string[]; secret?: string; backoffMs?: number[] }
  /** Enables /__emulator/* (reset, create users, read the request log). Never on by default. */
  testEndpoints?: boolean
  log?: (line: string) => void
}

export interface RequestLogEntry {
  method: string
  path: string
  status: number
  /** False when no route matched: the SDK asked for something the emulator does not do. */
  handled: boolean
}

export interface ClerkEmulator {
  instance: Instance
  key: SigningKey
  store: Store
  verificationCode: string
  readonly requestLog: RequestLogEntry[]
  /**
   * Every request no route matched, since start or the last reset, never capped: the request
   * log drops its oldest entries past 2,000, and a check that reads it late must not miss one.
   */
  readonly unhandledRequests: readonly RequestLogEntry[]
  handle(request: EmulatorRequest): Promise<EmulatorReply>
  bundleUrls: ReturnType<typeof bundleUrls>
  webhooks: WebhookDispatcher
  /** What the apps verify deliveries with (CLERK_WEBHOOK_SIGNING_SECRET). */
  webhookSecret: string
  /** Delivers to these URLs from now on, each first getting every event so far (tests on free ports). */
  setWebhookEndpoints(urls: string[]): void
  readonly allowedOrigins: ReadonlySet<string>
  isAllowedOrigin(origin: string): boolean
  /** For an app whose port is known only once the emulator runs (tests on free ports). */
  allowOrigin(origin: string): void
  /** Clerk's answer to a browser call from an origin this instance does not allow. */
  refuseOrigin(origin: string): EmulatorReply
}

export const DEFAULT_FRONTEND_HOST = 'clerk.emulator.example'
export const DEFAULT_VERIFICATION_CODE = '424242'
/**
 * The local apps on the emulator's own hostname too: the apps must share it (cookies), so an
 * emulator at http://127.0.0.1:4100 serves apps browsed at http://127.0.0.1:3000. Every app of
 * the registry, present or not, like its port: an origin nothing serves grants nothing, and the
 * emulator's own tests and the tools that sign in as a local app keep one origin whatever the
 * checkout kept. Deliveries, which would retry, go to the present apps only (env.ts).
 */
function localAppOrigins(emulatorOrigin: string): string[] {
  const { protocol, hostname } = new URL(emulatorOrigin)
  const { apps } = localStack()
  return APP_NAMES.flatMap((app) => [apps[app].url, `${protocol}//${hostname}:${apps[app].port}`])
}

function requireOrigin(value: string): string {
  const origin = parseOrigin(value)
  if (!origin) {
    throw new Error(
      `"${value}" is not an origin: give scheme, host and port only, e.g. http://localhost:5173.`,
    )
  }
  return origin
}

export function createEmulator(options: EmulatorOptions): ClerkEmulator {
  const log = options.log ?? ((line: string) => console.log(`clerk-emulator: ${line}`))
  const instance = createInstance({
    origin: options.origin,
    frontendHost: options.frontendHost ?? DEFAULT_FRONTEND_HOST,
    secretKey: options.secretKey ?? randomSecretKey(),
  })
  const allowedOrigins = new Set(
    [options.origin, ...localAppOrigins(options.origin), ...(options.allowedOrigins ?? [])].map(
      requireOrigin,
    ),
  )
  const isAllowedOrigin = (origin: string) => allowedOrigins.has(origin)
  const refusedOrigins = new Set<string>()
  function refuseOrigin(origin: string): EmulatorReply {
    if (!refusedOrigins.has(origin)) {
      refusedOrigins.add(origin)
      log(
        `refused browser calls from ${origin}: not an allowed origin (add it to CLERK_EMULATOR_ALLOWED_ORIGINS)`,
      )
    }
    return json(
      400,
      clerkError('origin_invalid', 'Invalid HTTP Origin header', {
        longMessage: `${origin} is not an allowed origin of this instance (${[...allowedOrigins].join(', ')}). Add it with CLERK_EMULATOR_ALLOWED_ORIGINS.`,
      }),
    )
  }
  const store = new Store({
    users: options.users,
    organizations: options.organizations,
    usersFile: options.usersFile,
    organizationsFile: options.organizationsFile,
  })
  const webhookSecret = options.webhooks?.secret ?? newWebhookSecret()
  const webhooks = createWebhookDispatcher({
    endpoints: (options.webhooks?.endpoints ?? []).map((url) => ({ url, secret: webhookSecret })),
    backoffMs: options.webhooks?.backoffMs,
    log,
  })
  // What Clerk puts in each event's `data`: the Backend API's object, or a deleted stub.
  store.onChange((event: StoreEvent) => {
    switch (event.type) {
      case 'user.created':
      case 'user.updated':
        return webhooks.emit(event.type, backendUserJSON(event.user, store))
      case 'organization.created':
      case 'organization.updated':
        return webhooks.emit(event.type, backendOrganizationJSON(event.organization, store))
      case 'organizationMembership.created':
      case 'organizationMembership.updated':
      case 'organizationMembership.deleted':
        return webhooks.emit(event.type, backendMembershipJSON(event.membership, store))
      case 'user.deleted':
        return webhooks.emit(event.type, { object: 'user', id: event.id, deleted: true })
      case 'organization.deleted':
        return webhooks.emit(event.type, { object: 'organization', id: event.id, deleted: true })
    }
  })
  // The seeded users and organizations were created before anyone listened: their events go out
  // now, so an app's mirror learns them once its endpoint answers (retried until it does).
  for (const user of store.users.values()) {
    webhooks.emit('user.created', backendUserJSON(user, store))
  }
  for (const organization of store.organizations.values()) {
    webhooks.emit('organization.created', backendOrganizationJSON(organization, store))
  }
  for (const membership of store.memberships.values()) {
    webhooks.emit('organizationMembership.created', backendMembershipJSON(membership, store))
  }
  const verificationCode = options.verificationCode ?? DEFAULT_VERIFICATION_CODE
  const frontendApi = createFrontendApi({
    instance,
    key: options.key,
    store,
    environment: {
      applicationName: 'Clerk emulator',
      signInUrl: '/sign-in',
      signUpUrl: '/sign-up',
      homeUrl: '/',
      ...options.environment,
    },
    verificationCode,
    handshakeFormat: options.handshakeFormat ?? 'auto',
    isAllowedOrigin,
    log,
  })
  const backendApi = createBackendApi({ instance, key: options.key, store })
  const requestLog: RequestLogEntry[] = []
  const unhandledRequests: RequestLogEntry[] = []
  // The log keeps the last 2,000 entries; this counts every request an SDK or a browser sent
  // (not the test endpoints), so a caller can tell "none" from "too many to keep".
  let clerkRequests = 0

  async function route(request: EmulatorRequest): Promise<EmulatorReply | undefined> {
    const path = request.url.pathname
    if (path.startsWith(`${PROXY_PATH}/`)) {
      // Browsers always send Origin on cross-origin calls; Clerk refuses an origin it does not
      // know before acting, so a page elsewhere on localhost cannot sign the user out.
      const origin = request.headers.origin
      if (origin !== undefined && !isAllowedOrigin(origin)) return refuseOrigin(origin)
      return frontendApi(request, path.slice(PROXY_PATH.length))
    }
    if (path === '/.well-known/jwks.json') return json(200, { keys: [options.key.publicJwk] })
    if (path === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: instance.issuer,
        jwks_uri: `${instance.origin}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: ['RS256'],
        subject_types_supported: ['public'],
        response_types_supported: ['code'],
        claims_supported: ['sub', 'sid', 'iss', 'azp', 'exp', 'iat', 'nbf', 'role'],
      })
    }
    if (path.startsWith('/js/')) {
      const file = resolveBundleFile(path)
      return file ? { status: 200, file } : undefined
    }
    if (path.startsWith('/v1/')) {
      return backendApi(request, (request.jsonBody ?? request.body) as Record<string, unknown>)
    }
    if (path.startsWith('/__emulator/') && options.testEndpoints) {
      return testEndpoint(request, path)
    }
    return undefined
  }

  function testEndpoint(request: EmulatorRequest, path: string): EmulatorReply | undefined {
    if (path === '/__emulator/reset' && request.method === 'POST') {
      store.reset()
      requestLog.length = 0
      unhandledRequests.length = 0
      clerkRequests = 0
      return json(200, { ok: true })
    }
    if (path === '/__emulator/users' && request.method === 'POST') {
      const input = (request.jsonBody ?? request.body) as Record<string, string>
      if (!input.email || !input.password) {
        return json(422, clerkError('form_param_missing', 'email and password are required'))
      }
      const user = store.createUser({ email: input.email, password: input.password })
      return json(200, { id: user.id, email: user.email })
    }
    if (path === '/__emulator/log' && request.method === 'GET') return json(200, requestLog)
    if (path === '/__emulator/request-count' && request.method === 'GET') {
      return json(200, { count: clerkRequests })
    }
    if (path === '/__emulator/webhooks' && request.method === 'GET') {
      return json(200, webhooks.messages())
    }
    const redeliver = path.match(/^\/__emulator\/webhooks\/([^/]+)\/redeliver$/)
    if (redeliver?.[1] && request.method === 'POST') {
      return webhooks.redeliver(redeliver[1])
        ? json(200, { ok: true })
        : json(404, clerkError('resource_not_found', `No webhook message ${redeliver[1]}`))
    }
    return undefined
  }

  return {
    instance,
    key: options.key,
    store,
    verificationCode,
    requestLog,
    unhandledRequests,
    bundleUrls: bundleUrls(instance.origin),
    webhooks,
    webhookSecret,
    setWebhookEndpoints: (urls) =>
      webhooks.setEndpoints(urls.map((url) => ({ url: new URL(url).href, secret: webhookSecret }))),
    allowedOrigins,
    isAllowedOrigin,
    allowOrigin: (origin) => {
      allowedOrigins.add(requireOrigin(origin))
    },
    refuseOrigin,
    async handle(request) {
      const path = request.url.pathname
      const routed = await route(request)
      const reply =
        routed ??
        json(
          404,
          clerkError(
            'resource_not_found',
            `The Clerk emulator does not handle ${request.method} ${path}`,
            {
              longMessage: `The Clerk emulator does not handle ${request.method} ${path}. If a Clerk SDK sent this, the SDK may be newer than the emulator knows (see packages/clerk-emulator/README.md).`,
            },
          ),
        )
      if (!path.startsWith('/__emulator/')) clerkRequests += 1
      const entry = { method: request.method, path, status: reply.status, handled: !!routed }
      requestLog.push(entry)
      if (requestLog.length > 2000) requestLog.shift()
      if (!routed) {
        unhandledRequests.push(entry)
        log(`unhandled request ${request.method} ${path}`)
      }
      return reply
    },
  }
}
