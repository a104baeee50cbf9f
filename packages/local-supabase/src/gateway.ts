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
  'access-control-expose-headers': 'content-range, content-location, preference-applied',
  'access-control-max-age': '3600',
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', ...CORS_HEADERS })
  response.end(JSON.stringify(body))
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(.+)$/i)
  return match?.[1]?.trim()
}

/**
 * Decides the Authorization header PostgREST sees, with Supabase's API-key rules:
 * a user token in Authorization wins; otherwise the service_role key becomes a service_role
 * JWT (bypasses RLS) and the anon key becomes no token at all (PostgREST's anon role).
 */
export async function authorizationFor(
  apiKey: string | undefined,
  authorization: string | undefined,
  keys: Pick<GatewayOptions, 'anonKey' | 'serviceRoleKey' | 'signer'>,
): Promise<{ ok: true; authorization: string | undefined } | { ok: false; message: string }> {
  if (!apiKey) {
    return { ok: false, message: 'No API key found in request' }
  }
  if (apiKey !== keys.anonKey && apiKey !== keys.serviceRoleKey) {
    return { ok: false, message: 'Invalid API key' }
  }
  const token = bearerToken(authorization)
  const isApiKeyItself = token === keys.anonKey || token === keys.serviceRoleKey
  if (token && !isApiKeyItself) return { ok: true, authorization: `Bearer ${token}` }
  if (apiKey === keys.serviceRoleKey) {
    return { ok: true, authorization: `Bearer ${await keys.signer.serviceRoleToken()}` }
  }
  return { ok: true, authorization: undefined }
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host'])

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
    if (!url.pathname.startsWith('/rest/v1')) {
      sendJson(response, 404, {
        message: `local-supabase serves only the data API at /rest/v1 (got ${request.method} ${url.pathname}). Auth, storage and realtime are not emulated.`,
      })
      return
    }
    const apiKey = request.headers.apikey?.toString() ?? url.searchParams.get('apikey') ?? undefined
    url.searchParams.delete('apikey')
    const decision = await authorizationFor(apiKey, request.headers.authorization, options)
    if (!decision.ok) {
      sendJson(response, 401, {
        message: decision.message,
        hint: 'Send the anon (publishable) or service_role (secret) key printed by local-supabase in the apikey header.',
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
        code: 'PGRST_UNREACHABLE',
        message: 'The data API (PostgREST) is unreachable',
        details: error.message,
      })
    })
    request.pipe(upstreamRequest)
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
