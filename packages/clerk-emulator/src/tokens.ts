import crypto from 'node:crypto'
import { SignJWT } from 'jose'
import type { Instance } from './instance.ts'
import type { SigningKey } from './keys.ts'
import type { Session, Store } from './store.ts'

export const SESSION_TOKEN_LIFETIME_SECONDS = 60

/**
 * The permissions the emulated instance's organization feature grants: `per` names them and
 * `fpm` says, per feature in `fea`, which a role holds (bit i = per[i]), as Clerk encodes them.
 */
const ORGANIZATION_FEATURES = 'o:tasks'
const ORGANIZATION_PERMISSIONS = 'manage,read'
const FEATURE_PERMISSIONS = { 'org:admin': '3', 'org:member': '2' } as const

/**
 * The v2 `o` claim for `organizationId` if the session's user is a member of it now; else
 * none, so a removed member's next token is a personal one.
 */
function organizationClaims(store: Store, session: Session, organizationId: string | null) {
  const membership = organizationId
    ? store.findMembership(organizationId, session.userId)
    : undefined
  const organization = membership && store.organizations.get(membership.organizationId)
  if (!membership || !organization) return {}
  return {
    fea: ORGANIZATION_FEATURES,
    o: {
      id: organization.id,
      slg: organization.slug,
      rol: membership.role.replace(/^org:/, ''),
      per: ORGANIZATION_PERMISSIONS,
      fpm: FEATURE_PERMISSIONS[membership.role],
    },
  }
}

/**
 * A v2 session token with the claims Clerk puts in one, plus `role: 'authenticated'`, which
 * Clerk's Supabase integration adds and Supabase (PostgREST) maps to the database role. It names
 * the session's active organization unless `organizationId` asks for another (or null).
 */
export function mintSessionToken(
  key: SigningKey,
  instance: Instance,
  store: Store,
  session: Session,
  authorizedParty: string | undefined,
  organizationId: string | null = session.activeOrganizationId,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({
    sid: session.id,
    v: 2,
    fva: [0, -1],
    role: 'authenticated',
    azp: authorizedParty || undefined,
    ...organizationClaims(store, session, organizationId),
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
