export const SIGN_IN_URL = '/sign-in'
export const SIGN_UP_URL = '/sign-up'
/** Clerk's webhook route: Clerk calls it, not a browser, and its Svix signature is the check. */
export const CLERK_WEBHOOK_PATH = '/api/webhooks/clerk'

/**
 * The public list: the only paths a signed-out visitor may request (proxy.ts sends every other
 * one to sign-in, a page that does not exist included). A trailing `/*` is the path and every
 * path below it: Clerk's sign-in and sign-up take later steps there. Static files are public
 * too; proxy.ts's matcher leaves them out, since Next needs that list as a literal.
 */
export const PUBLIC_ROUTES = [`${SIGN_IN_URL}/*`, `${SIGN_UP_URL}/*`, CLERK_WEBHOOK_PATH] as const
