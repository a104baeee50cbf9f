import { data } from 'react-router'

// A path no page names, for a signed-in user (the layout's middleware has sent anyone else to
// sign-in): the root's error boundary says 404.
export function loader(): never {
  throw data(null, { status: 404, statusText: 'Not Found' })
}

export default function NotFound() {
  return null
}
