// The handshake's cookie directives: the client's session as it stands, for @clerk/backend to
// set on the app's domain. Computed when read, so a nonce that is resolved again (it stays in
// redirect URLs, e.g. a sign-in page's redirect_url) reflects who is signed in now rather than
// replaying a signed-out state and sending a freshly signed-in user back to /sign-in.
import type { Instance } from './instance.ts'
import type { SigningKey } from './keys.ts'
import type { Store } from './store.ts'
import { mintSessionToken } from './tokens.ts'

const YEAR_IN_SECONDS = 60 * 60 * 24 * 365
/** How long a handshake nonce can be resolved. */
export const HANDSHAKE_NONCE_TTL_MS = 10 * 60 * 1000

export interface HandshakeRequest {
  clientId: string | undefined
  suffixed: boolean
  /** The app's origin, for the token's azp. */
  origin: string
}

export async function handshakeDirectives(
  store: Store,
  key: SigningKey,
  instance: Instance,
  request: HandshakeRequest,
): Promise<string[]> {
  const client = request.clientId ? store.clients.get(request.clientId) : undefined
  const session = client?.lastActiveSessionId
    ? store.sessions.get(client.lastActiveSessionId)
    : undefined
  const signedIn = client && session?.status === 'active' ? session : undefined
  const directives: string[] = []
  for (const suffix of request.suffixed ? ['', `_${instance.cookieSuffix}`] : ['']) {
    if (signedIn && client) {
      const token = await mintSessionToken(key, instance, store, signedIn, request.origin)
      directives.push(`__session${suffix}=${token}; Path=/; SameSite=Lax`)
      directives.push(
        `__client_uat${suffix}=${Math.floor(client.updatedAt / 1000)}; Path=/; SameSite=Lax; Max-Age=${YEAR_IN_SECONDS}`,
      )
    } else {
      directives.push(`__session${suffix}=; Path=/; SameSite=Lax; Max-Age=0`)
      directives.push(`__client_uat${suffix}=0; Path=/; SameSite=Lax; Max-Age=${YEAR_IN_SECONDS}`)
    }
  }
  return directives
}
