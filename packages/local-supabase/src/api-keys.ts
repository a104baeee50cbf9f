// Only the parts of jose a stack start needs, not the whole library: its import is on every
// start's path, and the whole of jose costs about 0.1 s of CPU to load.
import type { CryptoKey, JWK } from 'jose'
import { SignJWT } from 'jose/jwt/sign'
import { exportJWK } from 'jose/key/export'
import { generateKeyPair } from 'jose/key/generate/keypair'

const GATEWAY_KID = 'local-supabase-gateway'

/**
 * The gateway's own signing key. It exists only in memory for the life of the stack: the gateway
 * uses it to turn the service_role API key into a short-lived service_role JWT for PostgREST.
 */
export interface GatewaySigner {
  publicJwk: JWK
  serviceRoleToken(): Promise<string>
}

export async function createGatewaySigner(): Promise<GatewaySigner> {
  // ES256, as hosted's signing keys recommend (P-256): made in well under a millisecond, where
  // an RSA key took 20 to 70 ms of CPU on every start.
  const { privateKey, publicKey } = await generateKeyPair('ES256')
  const publicJwk: JWK = {
    ...(await exportJWK(publicKey)),
    kid: GATEWAY_KID,
    alg: 'ES256',
    use: 'sig',
  }
  return {
    publicJwk,
    serviceRoleToken: () => signServiceRole(privateKey),
  }
}

function signServiceRole(privateKey: CryptoKey): Promise<string> {
  return new SignJWT({ role: 'service_role' })
    .setProtectedHeader({ alg: 'ES256', kid: GATEWAY_KID, typ: 'JWT' })
    .setIssuer('local-supabase')
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(privateKey)
}
