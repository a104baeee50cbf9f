// The Backend API (what @clerk/backend calls with the secret key): the JWKS, handshake payloads
// and the user endpoints the apps' server code may use.
import { clerkError, fieldError } from './errors.ts'
import { HANDSHAKE_NONCE_TTL_MS, handshakeDirectives } from './handshake.ts'
import { type EmulatorReply, type EmulatorRequest, json } from './http-types.ts'
import type { Instance } from './instance.ts'
import type { SigningKey } from './keys.ts'
import { backendUserJSON } from './resources.ts'
import type { Store } from './store.ts'

export function createBackendApi(options: { instance: Instance; key: SigningKey; store: Store }) {
  const { instance, key, store } = options

  return async function handleBackendApi(
    request: EmulatorRequest,
    body: Record<string, unknown>,
  ): Promise<EmulatorReply | undefined> {
    if (request.headers.authorization !== `Bearer ${instance.secretKey}`) {
      return json(
        401,
        clerkError('authentication_invalid', 'The secret key is missing or wrong', {
          longMessage:
            'Send the emulator’s secret key (CLERK_SECRET_KEY from print-env) as a Bearer token.',
        }),
      )
    }
    const { method } = request
    const path = request.url.pathname
    const query = request.url.searchParams

    if (path === '/v1/jwks' && method === 'GET') return json(200, { keys: [key.publicJwk] })

    if (path === '/v1/clients/handshake_payload' && method === 'GET') {
      const nonce = query.get('nonce') ?? ''
      const pending = store.handshakeNonces.get(nonce)
      if (!pending || Date.now() - pending.createdAt > HANDSHAKE_NONCE_TTL_MS) {
        store.handshakeNonces.delete(nonce)
        return json(404, clerkError('resource_not_found', 'Handshake nonce not found'))
      }
      return json(200, { directives: await handshakeDirectives(store, key, instance, pending) })
    }

    if (path === '/v1/users' && method === 'GET') {
      const emails = query.getAll('email_address').map((email) => email.toLowerCase())
      const ids = query.getAll('user_id')
      const limit = Number(query.get('limit') ?? 10)
      const offset = Number(query.get('offset') ?? 0)
      const users = [...store.users.values()]
        .filter((user) => emails.length === 0 || emails.includes(user.email))
        .filter((user) => ids.length === 0 || ids.includes(user.id))
        .sort((a, b) => b.createdAt - a.createdAt)
      return json(200, users.slice(offset, offset + limit).map(backendUserJSON))
    }

    if (path === '/v1/users/count' && method === 'GET') {
      return json(200, { object: 'total_count', total_count: store.users.size })
    }

    if (path === '/v1/users' && method === 'POST') {
      const emails = body.email_address
      const email = Array.isArray(emails) ? String(emails[0] ?? '') : String(emails ?? '')
      const password = typeof body.password === 'string' ? body.password : ''
      if (!email) {
        return json(
          422,
          fieldError('form_param_missing', 'email_address is required', 'email_address'),
        )
      }
      if (store.findUserByEmail(email)) {
        return json(
          422,
          fieldError(
            'form_identifier_exists',
            'That email address is taken. Please try another.',
            'email_address',
          ),
        )
      }
      const user = store.createUser({
        email,
        password,
        firstName: typeof body.first_name === 'string' ? body.first_name : undefined,
        lastName: typeof body.last_name === 'string' ? body.last_name : undefined,
      })
      return json(200, backendUserJSON(user))
    }

    const userPath = path.match(/^\/v1\/users\/([^/]+)$/)
    if (userPath?.[1] && method === 'GET') {
      const user = store.users.get(userPath[1])
      if (!user) return json(404, clerkError('resource_not_found', 'User not found'))
      return json(200, backendUserJSON(user))
    }
    return undefined
  }
}
