import { Outlet } from 'react-router'
import { signedInOnly } from '../lib/signed-in.server'
import type { Route } from './+types/signed-in'

// Every page below this layout needs a signed-in user: the middleware runs before their loaders
// and actions, on the first request and on every navigation and form post after it.
export const middleware: Route.MiddlewareFunction[] = [signedInOnly]

// Server middleware runs on a client-side navigation only when there is a loader to call: this
// one, called on every navigation, so a page below needs no loader of its own to be protected.
export const loader = () => null
export const shouldRevalidate = () => true

export default function SignedIn() {
  return <Outlet />
}
