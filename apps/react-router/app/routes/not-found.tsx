import { data, Link } from 'react-router'

// A path no page names, for a signed-in user (the layout's middleware has sent anyone else to
// sign-in): a 404 inside the app's header, as Next's not-found page is, so the way back is there.
export function loader() {
  return data(null, { status: 404, statusText: 'Not Found' })
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
