import type { LoaderFunctionArgs } from '@remix-run/node'
import { Outlet } from '@remix-run/react'
import { requireSignedIn } from '../lib/auth.server'

// Every page in this pathless layout (`_signed-in.*` files) needs a signed-in user: a signed-out
// request goes to sign-in from here, a page without a loader of its own included. Remix runs the
// loaders of a page and its parents side by side, though, and a form post runs only the page's
// action: a child loader or action that reads or writes data checks again (requireSignedIn),
// which it needs anyway for the user's token.
export async function loader(args: LoaderFunctionArgs) {
  await requireSignedIn(args)
  return null
}

// Remix would skip this loader on a navigation between two pages of the layout; run the check on
// every one, as the other apps do.
export const shouldRevalidate = () => true

export default function SignedIn() {
  return <Outlet />
}
