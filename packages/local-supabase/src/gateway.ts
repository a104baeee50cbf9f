import http from 'node:http'
import type { GatewaySigner } from './api-keys.ts'

export interface GatewayOptions {
  port: number
  /** PostgREST's base URL, e.g. http://127.0.0.1:54323 */
  postgrestUrl: string
  anonKey: string
  serviceRoleKey: string
  signer: GatewaySigner
}

export interface RunningGateway {
  url: string
  stop(): Promise<void>
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS, HEAD',
  'access-control-allow-headers':
    'authorization, apikey, content-type, prefer, range, accept, accept-profile, content-profile, x-client-info, x-supabase-api-version',
  'access-control-expose-headers':
    'content-range, content-location, preference-applied, sb-error-code',
  'access-control-max-age': '3600',
}

function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...CORS_HEADERS, ...headers })
  response.end(JSON.stringify(body))
}

/**
 * The largest request body the gateway forwards (1 MiB). A bigger one gets 413 and never reaches
 * PostgREST. Bytes are counted as they arrive, so a chunked body without content-length is
 * bounded too, and at most this much is held in memory per request.
 */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024

/**
 * The only database roles a user token may name. PostgREST switches to whatever role the `role`
 * claim says, so a token from the trusted issuer saying `service_role` would bypass RLS; Clerk's
 * Supabase integration always sends `authenticated`. No `role` claim at all means `anon`.
 */
export const USER_TOKEN_ROLES = ['authenticated', 'anon'] as const

const USER_TOKEN_HINT =
  'Send the session token of a signed-in user (Clerk adds role "authenticated" and an exp). For service_role access, send the service_role (secret) key instead of a user token.'

/** A JSON error body: the gateway's own `{ message, hint }`, or PostgREST's shape. */
export type GatewayErrorBody =
  | { message: string; hint: string }
  | { code: string; details: string | null; hint: string | null; message: string }

/** A request the gateway answers 401 itself, without PostgREST. */
export interface GatewayRefusal {
  ok: false
  /** Hosted's `sb-error-code` response header, where hosted has a code for the refusal. */
  errorCode?: string
  body: GatewayErrorBody
}

/**
 * Hosted Supabase's gateway refusals, word for word. Its code is not public: these are the
 * bodies and `sb-error-code` headers hosted projects answer (Supabase's troubleshooting guide
 * names UNAUTHORIZED_MISSING_API_KEY; the rest as projects report them). Apps, and
 * @repo/supabase-clerk's classifyDataError, then meet the same refusal locally as on hosted.
 */
export const HOSTED_REFUSALS = {
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
} as const satisfies Record<string, GatewayRefusal>

/**
 * Whether a User-Agent is a browser's, by hosted's rule for secret keys ("matches on the
 * User-Agent header"): every browser's starts with "Mozilla/", and hosted refuses tools that
 * send one too (PowerShell, Apps Script) while Node's fetch ("node"), curl and a custom agent
 * get through. A page cannot change its User-Agent, so a secret key shipped to a browser fails
 * on its first request, as on hosted, rather than in production only.
 */
export function looksLikeBrowser(userAgent: string | undefined): boolean {
  return userAgent !== undefined && /\bMozilla\//i.test(userAgent)
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(.+)$/i)
  return match?.[1]?.trim()
}

const JSON_WHITESPACE = new Set([' ', '\t', '\n', '\r'])

/** The member names of a JSON object text's top level, decoded, in order, repeats included. */
function topLevelNames(json: string): string[] {
  const names: string[] = []
  let depth = 0
  for (let index = 0; index < json.length; index++) {
    const char = json[index]
    if (char === '"') {
      let end = index + 1
      while (end < json.length && json[end] !== '"') end += json[end] === '\\' ? 2 : 1
      if (depth === 1) {
        let next = end + 1
        while (JSON_WHITESPACE.has(json[next] ?? '')) next++
        if (json[next] === ':') names.push(JSON.parse(json.slice(index, end + 1)) as string)
      }
      index = end
    } else if (char === '{' || char === '[') {
      depth++
    } else if (char === '}' || char === ']') {
      depth--
    }
  }
  return names
}

/**
 * Decodes a user token's payload, without verifying it (PostgREST verifies the signature, the
 * issuer's key, exp and nbf), and refuses what PostgREST would wrongly accept: a role other than
 * `authenticated`/`anon`, role `authenticated` without a non-empty string `sub`, or no `exp`. A token it cannot decode is refused too (fail closed): a
 * token the gateway cannot read but PostgREST could would skip these checks.
 */
export function checkUserToken(
  token: string,
): { ok: true } | { ok: false; message: string; undecodable?: true } {
  const parts = token.split('.')
  const payloadPart = parts[1] ?? ''
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(payloadPart)) {
    return {
      ok: false,
      undecodable: true,
      message:
        'The bearer token is not a JWT: expected three base64url parts, header.payload.signature.',
    }
  }
  let payloadText: string
  let claims: unknown
  try {
    payloadText = new TextDecoder('utf-8', { fatal: true }).decode(
      Buffer.from(payloadPart, 'base64url'),
    )
    claims = JSON.parse(payloadText)
  } catch {
    return {
      ok: false,
      undecodable: true,
      message: 'The bearer token is not a JWT: its payload is not UTF-8 JSON.',
    }
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    return {
      ok: false,
      undecodable: true,
      message: 'The bearer token is not a JWT: its payload is not a JSON object.',
    }
  }
  // RFC 7519 §4: claim names must be unique. PostgREST keeps the first of a repeated claim and
  // JSON.parse the last, so {"role":"service_role","role":"authenticated"} would pass a check
  // here and reach PostgREST as service_role.
  const seen = new Set<string>()
  for (const name of topLevelNames(payloadText)) {
    if (seen.has(name)) {
      return {
        ok: false,
        message: `The token names the claim ${JSON.stringify(name)} more than once; JWT claim names must be unique.`,
      }
    }
    seen.add(name)
  }
  const payload = claims as Record<string, unknown>
  const allowed = USER_TOKEN_ROLES.map((role) => JSON.stringify(role)).join(' or ')
  if (Object.hasOwn(payload, 'role') && !USER_TOKEN_ROLES.some((role) => role === payload.role)) {
    return {
      ok: false,
      message: `The token has role claim ${JSON.stringify(payload.role)}; a user token may have only role ${allowed} (or none, for anon). PostgREST would switch to the role the claim names.`,
    }
  }
  // Every policy for signed-in users reads the user from `sub`; the organization ones read `o`
  // too. A trusted token with an organization but no user (or sub "") would reach those
  // policies as nobody in particular, so a user token must name its user. Clerk's always do.
  if (
    payload.role === 'authenticated' &&
    (typeof payload.sub !== 'string' || payload.sub.trim() === '')
  ) {
    return {
      ok: false,
      message: `The token has role "authenticated" but ${Object.hasOwn(payload, 'sub') ? `"sub" claim ${JSON.stringify(payload.sub)}` : 'no "sub" claim'}; a user token must name its user in a non-empty string "sub".`,
    }
  }
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) {
    return {
      ok: false,
      message: `The token has no "exp" claim${Object.hasOwn(payload, 'exp') ? ' that is a number' : ''}; a user token that never expires is refused.`,
    }
  }
  return { ok: true }
}

/**
 * Decides the Authorization header PostgREST sees, with Supabase's API-key rules: no key or an
 * unknown one is refused, and so is the secret key from a browser (`userAgent`); a user token in
 * Authorization wins (once checkUserToken passes it); otherwise the service_role key becomes a
 * service_role JWT (bypasses RLS) and the anon key becomes no token at all (PostgREST's anon
 * role).
 */
export async function authorizationFor(
  apiKey: string | undefined,
  authorization: string | undefined,
  keys: Pick<GatewayOptions, 'anonKey' | 'serviceRoleKey' | 'signer'>,
  userAgent?: string,
): Promise<{ ok: true; authorization: string | undefined } | GatewayRefusal> {
  if (!apiKey) return HOSTED_REFUSALS.noApiKey
  if (apiKey !== keys.anonKey && apiKey !== keys.serviceRoleKey) {
    return HOSTED_REFUSALS.invalidApiKey
  }
  // Before the user token: hosted judges the key, whatever Authorization carries.
  // Hosted refuses its `sb_secret_` keys from a browser; a legacy service_role JWT (settable
  // locally through LOCAL_SUPABASE_SECRET_KEY) is not refused there, so not here either.
  if (
    apiKey === keys.serviceRoleKey &&
    apiKey.startsWith('sb_secret_') &&
    looksLikeBrowser(userAgent)
  ) {
    return HOSTED_REFUSALS.secretKeyInBrowser
  }
  const token = bearerToken(authorization)
  const isApiKeyItself = token === keys.anonKey || token === keys.serviceRoleKey
  if (token && !isApiKeyItself) {
    const check = checkUserToken(token)
    if (check.ok) return { ok: true, authorization: `Bearer ${token}` }
    // Hosted's PostgREST answers PGRST301 for a token it cannot decode; with the same code here,
    // an app reads this refusal as it would hosted's (a session to sign in again to).
    const body: GatewayErrorBody = check.undecodable
      ? { code: 'PGRST301', details: null, hint: USER_TOKEN_HINT, message: check.message }
      : { message: check.message, hint: USER_TOKEN_HINT }
    return { ok: false, body }
  }
  if (apiKey === keys.serviceRoleKey) {
    return { ok: true, authorization: `Bearer ${await keys.signer.serviceRoleToken()}` }
  }
  return { ok: true, authorization: undefined }
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'host',
  // The body is read whole first, then forwarded with its own length.
  'content-length',
  'expect',
])

/**
 * Reads the request body, refusing it as soon as it is known to exceed `limit`: from
 * content-length before reading anything, else by counting bytes as they arrive. Holds at most
 * `limit` bytes.
 */
function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer | 'too large'> {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too large')
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let received = 0
    const onData = (chunk: Buffer) => {
      received += chunk.length
      if (received > limit) {
        request.off('data', onData)
        request.off('end', onEnd)
        chunks.length = 0
        resolve('too large')
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => resolve(Buffer.concat(chunks, received))
    request.on('data', onData)
    request.once('end', onEnd)
    request.once('error', reject)
    // A client gone mid-body: after 'end' this is a no-op.
    request.once('close', () => reject(new Error('The client closed the request')))
  })
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const upstream = new URL(options.postgrestUrl)
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://gateway')
    if (request.method === 'OPTIONS') {
      response.writeHead(204, CORS_HEADERS)
      response.end()
      return
    }
    if (url.pathname === '/health') {
      sendJson(response, 200, { status: 'ok' })
      return
    }
    // Only /rest/v1 itself and paths below it: /rest/v1tasks is not /rest/v1/tasks.
    if (url.pathname !== '/rest/v1' && !url.pathname.startsWith('/rest/v1/')) {
      sendJson(response, 404, {
        message: `local-supabase serves only the data API at /rest/v1 (got ${request.method} ${url.pathname}). Auth, storage and realtime are not emulated.`,
      })
      return
    }
    const apiKey = request.headers.apikey?.toString() ?? url.searchParams.get('apikey') ?? undefined
    url.searchParams.delete('apikey')
    const decision = await authorizationFor(
      apiKey,
      request.headers.authorization,
      options,
      request.headers['user-agent'],
    )
    if (!decision.ok) {
      sendJson(
        response,
        401,
        decision.body,
        decision.errorCode ? { 'sb-error-code': decision.errorCode } : {},
      )
      return
    }
    let body: Buffer | 'too large'
    try {
      body = await readBody(request, MAX_REQUEST_BODY_BYTES)
    } catch {
      response.destroy()
      return
    }
    if (body === 'too large') {
      // The rest of the body is read and dropped (not kept) so the client gets this answer rather
      // than a reset connection; Node's requestTimeout bounds how long that may take.
      request.resume()
      sendJson(response, 413, {
        message: `The request body is larger than local-supabase's limit of ${MAX_REQUEST_BODY_BYTES} bytes (${formatBytes(MAX_REQUEST_BODY_BYTES)}).`,
        hint: 'Send smaller requests, e.g. insert rows in batches.',
      })
      return
    }
    const headers: http.OutgoingHttpHeaders = {}
    for (const [name, value] of Object.entries(request.headers)) {
      if (!HOP_BY_HOP.has(name) && name !== 'authorization' && name !== 'apikey') {
        headers[name] = value
      }
    }
    if (decision.authorization) headers.authorization = decision.authorization
    headers['content-length'] = body.length
    const upstreamRequest = http.request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: `${url.pathname.slice('/rest/v1'.length) || '/'}${url.search}`,
        headers,
      },
      (upstreamResponse) => {
        const responseHeaders = { ...upstreamResponse.headers, ...CORS_HEADERS }
        response.writeHead(upstreamResponse.statusCode ?? 502, responseHeaders)
        upstreamResponse.pipe(response)
      },
    )
    upstreamRequest.on('error', (error) => {
      if (response.headersSent) {
        response.destroy(error)
        return
      }
      // 502 like Supabase's API gateway when its upstream is gone.
      sendJson(response, 502, {
        message: 'The data API (PostgREST) is unreachable',
        details: error.message,
      })
    })
    upstreamRequest.end(body)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  return {
    url: `http://127.0.0.1:${options.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
