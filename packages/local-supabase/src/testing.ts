// Test support: a token issuer that signs Clerk-shaped session tokens with its own key, so tests
// can exercise RLS through the real PostgREST without a Clerk instance.
import crypto from 'node:crypto'
import { localStack } from '@repo/local-stack'
import { CompactSign, type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import type { Jwks } from './jwks.ts'

export interface SessionClaims {
  sub: string
  /** Defaults to 'authenticated', the claim Clerk's Supabase integration adds; null omits it. */
  role?: string | null
  /** Seconds from now; negative for an expired token; null omits `exp` (a token that never expires). */
  expiresIn?: number | null
  /** Seconds from now for `nbf`. */
  notBefore?: number
  /** The active organization, as Clerk's v2 claim `o` (`rol` without the "org:" prefix). */
  organization?: { id: string; role: 'admin' | 'member'; slug?: string }
  /** Claims added as they are, e.g. v1's `org_id` / `org_role`. */
  extra?: Record<string, unknown>
}

export interface TestIssuer {
  issuer: string
  jwks: Jwks
  /** Signs a session token the way Clerk does (RS256, kid in the JWKS). */
  sessionToken(claims: SessionClaims): Promise<string>
  /**
   * Signs this exact JSON text as the payload, for tokens no claims object can express (a claim
   * named twice, say).
   */
  signPayload(payloadJson: string): Promise<string>
}

export async function createTestIssuer(issuer = 'https://clerk.test.local'): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 })
  const kid = `ins_${crypto.randomBytes(6).toString('hex')}`
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }
  return {
    issuer,
    jwks: { keys: [jwk] },
    sessionToken: (claims) => signSessionToken(privateKey, kid, issuer, claims),
    signPayload: (payloadJson) =>
      new CompactSign(new TextEncoder().encode(payloadJson))
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .sign(privateKey),
  }
}

function signSessionToken(
  key: CryptoKey,
  kid: string,
  issuer: string,
  {
    sub,
    role = 'authenticated',
    expiresIn = 60,
    notBefore = -5,
    organization,
    extra,
  }: SessionClaims,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  const token = new SignJWT({
    sid: `sess_${crypto.randomBytes(8).toString('hex')}`,
    azp: localStack().apps.next.url,
    v: 2,
    fva: [0, -1],
    ...(role === null ? {} : { role }),
    ...(organization
      ? {
          o: {
            id: organization.id,
            rol: organization.role,
            slg: organization.slug ?? organization.id,
            per: '',
            fpm: '',
          },
        }
      : {}),
    ...extra,
  })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject(sub)
    .setIssuedAt(now)
    .setNotBefore(now + notBefore)
  if (expiresIn !== null) token.setExpirationTime(now + expiresIn)
  return token.sign(key)
}

export { assertPortFree, findFreePort } from './ports.ts'
export { randomApiKeys } from './random-secrets.ts'
