import crypto, { type KeyObject } from 'node:crypto'
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { JWK } from 'jose'
import { newWebhookSecret } from './webhook-signature.ts'

export interface SigningKey {
  privateKey: KeyObject
  /** Key id in token headers and the JWKS; derived from the key, so it is stable with it. */
  kid: string
  publicJwk: JWK
  /** SPKI PEM: what CLERK_JWT_KEY takes for networkless verification. */
  publicPem: string
}

export class SigningKeyError extends Error {
  override name = 'SigningKeyError'
}

/** @clerk/backend accepts only 2048-bit RSA keys with exponent 65537 as a JWT key. */
function assertClerkCompatible(key: KeyObject, from: string): void {
  const details = key.asymmetricKeyDetails
  if (
    key.asymmetricKeyType !== 'rsa' ||
    details?.modulusLength !== 2048 ||
    details.publicExponent !== 65537n
  ) {
    throw new SigningKeyError(
      `${from} must be a 2048-bit RSA private key with exponent 65537 (Clerk's session-token key shape); got ${key.asymmetricKeyType} ${details?.modulusLength ?? '?'}-bit.`,
    )
  }
}

export function signingKeyFromPem(pem: string, from: string): SigningKey {
  let privateKey: KeyObject
  try {
    privateKey = crypto.createPrivateKey(pem)
  } catch (error) {
    throw new SigningKeyError(`${from} is not a PEM private key: ${String(error)}`)
  }
  assertClerkCompatible(privateKey, from)
  const publicKey = crypto.createPublicKey(privateKey)
  const jwk = publicKey.export({ format: 'jwk' }) as JWK
  const kid = `ins_${crypto
    .createHash('sha256')
    .update(jwk.n ?? '')
    .digest('hex')
    .slice(0, 24)}`
  return {
    privateKey,
    kid,
    publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' },
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  }
}

export function generateSigningKeyPem(): string {
  const { privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicExponent: 65537,
  })
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
}

/**
 * The key from a PEM (env), else from `file`, else a new key written to `file`. Generated once
 * and kept, so PostgREST can be configured with the JWKS before the first token exists and
 * sessions survive a restart.
 */
export function loadOrCreateSigningKey(options: { pem?: string; file: string }): SigningKey {
  if (options.pem) return signingKeyFromPem(options.pem, 'CLERK_EMULATOR_SIGNING_KEY')
  createFileOnce(options.file, generateSigningKeyPem)
  try {
    return signingKeyFromPem(readFileSync(options.file, 'utf8'), options.file)
  } catch (error) {
    if (!(error instanceof SigningKeyError)) throw error
    throw new SigningKeyError(
      `${error.message.replace(/\.$/, '')}. Delete it; the emulator makes a new one.`,
    )
  }
}

/**
 * Makes `file` from `make()` unless it exists. Written whole beside it, then linked into place:
 * on a fresh clone the emulator, the apps' env helpers and the banner start at once, and none may
 * read half a file (an exclusive create shows the others an empty one until the write lands), the
 * first writer wins, and a start killed mid-write leaves nothing behind at `file`.
 */
function createFileOnce(file: string, make: () => string): void {
  if (existsSync(file)) return
  mkdirSync(path.dirname(file), { recursive: true })
  const temporary = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`
  try {
    writeFileSync(temporary, make(), { mode: 0o600 })
    linkSync(temporary, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    rmSync(temporary, { force: true })
  }
}

/** A Clerk-shaped secret key (sk_live_ and 48 hex digits), random for each instance. */
export const randomSecretKey = () => `sk_live_${crypto.randomBytes(24).toString('hex')}`

/** A secret kept in `file` (made there once when missing), unless `value` is given. */
function loadOrCreateSecret(options: {
  value?: string
  file: string
  make: () => string
  valid: RegExp
  what: string
}): string {
  if (options.value) return options.value
  const read = () => {
    const secret = readFileSync(options.file, 'utf8').trim()
    if (!options.valid.test(secret)) {
      throw new SigningKeyError(
        `${options.file} does not hold ${options.what}. Delete it; the emulator makes a new one.`,
      )
    }
    return secret
  }
  createFileOnce(options.file, () => `${options.make()}\n`)
  return read()
}

/**
 * The Backend API's secret key: from env, else from `file`, else a new random one written to
 * `file`. Kept per checkout, like the signing key: a key published in the repo would let any
 * page a developer visits call the local Backend API.
 */
export function loadOrCreateSecretKey(options: { value?: string; file: string }): string {
  return loadOrCreateSecret({
    ...options,
    make: randomSecretKey,
    valid: /^sk_(live|test)_\w{16,}$/,
    what: 'a Clerk secret key (sk_live_…)',
  })
}

/** The webhook signing secret the apps verify deliveries with (CLERK_WEBHOOK_SIGNING_SECRET). */
export function loadOrCreateWebhookSecret(options: { value?: string; file: string }): string {
  return loadOrCreateSecret({
    ...options,
    make: newWebhookSecret,
    valid: /^whsec_[A-Za-z0-9+/=]{16,}$/,
    what: 'a webhook signing secret (whsec_…)',
  })
}
