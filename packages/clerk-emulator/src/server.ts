// Node HTTP adapter: parses requests once, applies CORS for credentialed browser calls from the
// instance's allowed origins only, and writes the handlers' replies.
import { createReadStream, statSync } from 'node:fs'
import http from 'node:http'
import type { ClerkEmulator } from './emulator.ts'
import type { EmulatorReply, EmulatorRequest } from './http-types.ts'

export interface RunningEmulatorServer {
  url: string
  port: number
  stop(): Promise<void>
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=')
    if (index > 0) {
      const name = part.slice(0, index).trim()
      const raw = part.slice(index + 1).trim()
      try {
        cookies[name] = decodeURIComponent(raw)
      } catch {
        cookies[name] = raw
      }
    }
  }
  return cookies
}

async function readBody(
  request: http.IncomingMessage,
): Promise<Pick<EmulatorRequest, 'body' | 'jsonBody'>> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const raw = Buffer.concat(chunks).toString('utf8')
  if (!raw) return { body: {} }
  if ((request.headers['content-type'] ?? '').includes('json')) {
    try {
      return { body: {}, jsonBody: JSON.parse(raw) }
    } catch {
      return { body: {} }
    }
  }
  return { body: Object.fromEntries(new URLSearchParams(raw)) }
}

function corsHeaders(
  request: http.IncomingMessage,
  emulator: ClerkEmulator,
): Record<string, string> {
  const origin = request.headers.origin
  if (!origin) return { 'access-control-allow-origin': '*' }
  // Any other origin gets nothing to read the replies with, as from Clerk.
  if (!emulator.isAllowedOrigin(origin)) return { vary: 'Origin' }
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-headers':
      request.headers['access-control-request-headers'] ?? 'content-type, authorization',
    'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
    'access-control-expose-headers': 'x-clerk-auth-status, x-clerk-auth-reason',
    vary: 'Origin',
  }
}

/** What clerk-js sends as POST with `_method`; a GET stays a GET whatever its query says. */
const OVERRIDABLE = new Set(['PATCH', 'PUT', 'DELETE'])

export async function toEmulatorRequest(
  request: http.IncomingMessage,
  origin: string,
): Promise<EmulatorRequest> {
  const url = new URL(request.url ?? '/', origin)
  const headers: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  const override = url.searchParams.get('_method')?.toUpperCase()
  const method = request.method?.toUpperCase() ?? 'GET'
  return {
    method: method === 'POST' && override && OVERRIDABLE.has(override) ? override : method,
    url,
    headers,
    cookies: parseCookies(request.headers.cookie),
    ...(request.method === 'GET' || request.method === 'HEAD'
      ? { body: {} }
      : await readBody(request)),
  }
}

function write(
  response: http.ServerResponse,
  reply: EmulatorReply,
  cors: Record<string, string>,
  ifNoneMatch?: string,
) {
  for (const [name, value] of Object.entries({ ...cors, ...reply.headers })) {
    response.setHeader(name, value)
  }
  if (reply.cookies?.length) response.setHeader('set-cookie', reply.cookies)
  if (reply.file) {
    // A browser keeps clerk-js, as it keeps a CDN's, and asks each time whether it changed (a
    // reinstall may swap the files under the same path): a 304 lets it reuse what it parsed.
    const { size, mtimeMs } = statSync(reply.file)
    const etag = `"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}"`
    const headers = {
      'content-type': reply.file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream',
      'cache-control': 'no-cache',
      etag,
    }
    if (ifNoneMatch === etag) {
      response.writeHead(304, headers)
      response.end()
      return
    }
    response.writeHead(reply.status, headers)
    createReadStream(reply.file).pipe(response)
    return
  }
  if (reply.body === undefined) {
    response.writeHead(reply.status)
    response.end()
    return
  }
  response.writeHead(reply.status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(reply.body))
}

export async function startEmulatorServer(
  emulator: ClerkEmulator,
  port: number,
  host = '127.0.0.1',
): Promise<RunningEmulatorServer> {
  const server = http.createServer(async (request, response) => {
    const cors = corsHeaders(request, emulator)
    if (request.method === 'OPTIONS') {
      const origin = request.headers.origin
      if (origin && !emulator.isAllowedOrigin(origin)) {
        write(response, emulator.refuseOrigin(origin), cors)
        return
      }
      response.writeHead(204, cors)
      response.end()
      return
    }
    try {
      const parsed = await toEmulatorRequest(request, emulator.instance.origin)
      write(response, await emulator.handle(parsed), cors, request.headers['if-none-match'])
    } catch (error) {
      console.error('clerk-emulator: request failed', error)
      if (!response.headersSent) {
        write(
          response,
          { status: 500, body: { errors: [{ code: 'internal', message: String(error) }] } },
          cors,
        )
      }
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} for the Clerk emulator is already in use. Stop whatever holds it (lsof -i :${port}), or choose another port with CLERK_EMULATOR_PORT=<port>.`,
            )
          : error,
      )
    })
    server.listen(port, host, () => resolve())
  })
  const address = server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  return {
    url: `http://localhost:${actualPort}`,
    port: actualPort,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
