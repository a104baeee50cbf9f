import { getAuth } from '@clerk/remix/ssr.server'
import { redirect } from '@remix-run/node'

export const SIGN_IN_URL = '/sign-in'
export const SIGN_UP_URL = '/sign-up'

/**
 * Signed-out visitors go to /sign-in and come back here afterwards; for the signed-in, the
 * request's auth (user, active organization), read from the session token without a request.
 */
export async function requireSignedIn(args: Parameters<typeof getAuth>[0]) {
  const auth = await getAuth(args)
  if (!auth.userId) {
    throw redirect(`${SIGN_IN_URL}?redirect_url=${encodeURIComponent(args.request.url)}`)
  }
  return auth
}
