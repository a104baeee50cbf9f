import { getAuth } from '@clerk/react-router/server'
import { type MiddlewareFunction, redirect } from 'react-router'

export const SIGN_IN_URL = '/sign-in'
export const SIGN_UP_URL = '/sign-up'

/**
 * Route middleware: signed-out visitors go to /sign-in and come back here afterwards. It runs
 * before the route's loader and action, so neither needs its own check (Remix 2 had no
 * middleware: each loader and action called requireSignedIn).
 */
export const signedInOnly: MiddlewareFunction<Response> = async (args, next) => {
  const { userId } = await getAuth(args)
  if (!userId) {
    throw redirect(`${SIGN_IN_URL}?redirect_url=${encodeURIComponent(args.request.url)}`)
  }
  return next()
}
