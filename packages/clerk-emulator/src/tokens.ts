import crypto from 'node:crypto'
import { SignJWT } from 'jose'
import type { Instance } from './instance.ts'
import type { SigningKey } from './keys.ts'
import type { Session } from './store.ts'

export const SESSION_TOKEN_LIFETIME_SECONDS = 60

/**
 * A session token with the claims Clerk puts in one, plus `role: 'authenticated'`, which Clerk's
 * Supabase integration adds and Supabase (PostgREST) maps to the database role.
 */
export function mintSessionToken(
  key: SigningKey,
  instance: Instance,
  session: Session,
  authorizedParty: string | undefined,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({
    sid: session.id,
    v: 2,
    fva: [0, -1],
    role: 'authenticated',
    azp: authorizedParty || undefined,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(instance.issuer)
    .setSubject(session.userId)
    .setIssuedAt(now)
    .setNotBefore(now - 10)
    .setExpirationTime(now + SESSION_TOKEN_LIFETIME_SECONDS)
    .setJti(crypto.randomBytes(10).toString('hex'))
    .sign(key.privateKey)
}

/** The handshake's token format: the cookie directives, signed with the session key. */
export function signHandshake(key: SigningKey, directives: string[]): Promise<string> {
  return new SignJWT({ handshake: directives })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key.privateKey)
}
