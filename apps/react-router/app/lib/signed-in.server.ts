import { getAuth } from '@clerk/react-router/server'
import { type MiddlewareFunction, redirect } from 'react-router'

export const SIGN_IN_URL = '/sign-in'
export const SIGN_UP_URL = '/sign-up'

/**
 * The signed-in layout's middleware (routes/signed-in.tsx): signed-out visitors go to /sign-in
 * and come back here afterwards. It runs before the loader and the action of every route below
 * the layout, so none needs its own check (Remix 2 has no middleware: see apps/remix).
 */
export const signedInOnly: MiddlewareFunction<Response> = async (args, next) => {
  const { userId } = await getAuth(args)
  if (!userId) {
    throw redirect(`${SIGN_IN_URL}?redirect_url=${encodeURIComponent(args.request.url)}`)
  }
  return next()
}
