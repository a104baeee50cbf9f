import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { requireSignedIn } from '../lib/auth.server'

// A path no page names. Without this route it is a 404 before any loader runs, which tells a
// signed-out visitor what exists; here it goes to sign-in, as in the Next app, and a signed-in
// user gets a 404 inside the app's header, so the way back is there. The check is its own: the
// layout's loader runs beside this one.
export async function loader(args: LoaderFunctionArgs) {
  await requireSignedIn(args)
  return json(null, { status: 404, statusText: 'Not Found' })
}

export default function NotFound() {
  return (
    <main>
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. <Link to="/">Back to your tasks</Link>
      </p>
    </main>
  )
}
