import crypto from 'node:crypto'

/** What identifies the emulated Clerk instance to the SDKs. */
export interface Instance {
  /** Public origin of the emulator, e.g. http://localhost:4100 */
  origin: string
  /** The Frontend API host the publishable key encodes; only used as a name (never resolved). */
  frontendHost: string
  publishableKey: string
  secretKey: string
  /** `iss` of session tokens: https://<frontendHost>, as Clerk issues them. */
  issuer: string
  /** clerk-js and @clerk/backend send Frontend API calls here (Clerk's "proxy URL"). */
  proxyUrl: string
  /** Suffix of the cookie names @clerk/backend also reads (`__session_<suffix>`). */
  cookieSuffix: string
}

export const PROXY_PATH = '/__clerk'

/**
 * `value` as an origin (`http://localhost:3000`; a trailing slash is dropped), or undefined when
 * it is anything more or less: a path, credentials, or a scheme other than http(s).
 */
export function parseOrigin(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    return undefined
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password
  return (url.protocol === 'http:' || url.protocol === 'https:') && bare ? url.origin : undefined
}

/**
 * `pk_live_` + base64("<host>$"): a production instance, which has no dev-browser handshake on
 * first visit and no `*.clerk.accounts.dev` redirects, so it works with no network.
 */
export function publishableKeyFor(frontendHost: string): string {
  return `pk_live_${Buffer.from(`${frontendHost}$`).toString('base64').replace(/=+$/, '')}`
}

export function cookieSuffixFor(publishableKey: string): string {
  return crypto
    .createHash('sha1')
    .update(publishableKey)
    .digest('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .slice(0, 8)
}

export function createInstance(options: {
  origin: string
  frontendHost: string
  secretKey: string
}): Instance {
  const publishableKey = publishableKeyFor(options.frontendHost)
  return {
    origin: options.origin,
    frontendHost: options.frontendHost,
    publishableKey,
    secretKey: options.secretKey,
    issuer: `https://${options.frontendHost}`,
    proxyUrl: `${options.origin}${PROXY_PATH}`,
    cookieSuffix: cookieSuffixFor(publishableKey),
  }
}
