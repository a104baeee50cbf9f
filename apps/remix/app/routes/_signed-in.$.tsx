import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireSignedIn } from '../lib/auth.server'

// A path no page names. Without this route it is a 404 before any loader runs, which tells a
// signed-out visitor what exists; here it goes to sign-in, as in the Next app, and a signed-in
// user gets the root's 404. The check is its own: the layout's loader runs beside this one.
export async function loader(args: LoaderFunctionArgs): Promise<never> {
  await requireSignedIn(args)
  throw new Response(null, { status: 404, statusText: 'Not Found' })
}

export default function NotFound() {
  return null
}
