import fs from 'node:fs/promises'
import type { JWK } from 'jose'

export interface Jwks {
  keys: JWK[]
}

/** Where the JWKS of the token issuer the data API trusts (Clerk, or the emulator) comes from. */
export type TrustedJwksSource =
  | { url: string /** How long to keep retrying while the issuer starts. */; timeoutMs?: number }
  | { file: string }
  | { jwks: Jwks }

function assertJwks(value: unknown, from: string): Jwks {
  const keys = (value as Jwks | null)?.keys
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new Error(
      `${from} is not a JWKS document: expected {"keys": [...]} with at least one key.`,
    )
  }
  return { keys }
}

/**
 * Loads the trusted issuer's public keys once at start, as Supabase's third-party auth does with
 * Clerk's JWKS. A URL is retried for a while because the issuer may still be starting.
 */
export async function loadTrustedJwks(source: TrustedJwksSource): Promise<Jwks> {
  if ('jwks' in source) return assertJwks(source.jwks, 'The given JWKS')
  if ('file' in source) {
    let text: string
    try {
      text = await fs.readFile(source.file, 'utf8')
    } catch (error) {
      throw new Error(`Cannot read the trusted JWKS file ${source.file}: ${String(error)}`)
    }
    return assertJwks(JSON.parse(text), source.file)
  }
  const deadline = Date.now() + (source.timeoutMs ?? 15_000)
  let lastError: unknown
  while (Date.now() < deadline) {
    try {
      const response = await fetch(source.url)
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      return assertJwks(await response.json(), source.url)
    } catch (error) {
      lastError = error
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  throw new Error(
    `Could not fetch the trusted JWKS from ${source.url} (${String(lastError)}). Is the token issuer (the Clerk emulator, or your Clerk instance) running?`,
  )
}
