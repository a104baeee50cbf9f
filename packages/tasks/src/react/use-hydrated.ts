import { useSyncExternalStore } from 'react'

const subscribe = () => () => undefined

/**
 * False while React hydrates server-rendered HTML, true afterwards (and at once on a page
 * rendered only in the browser). Clerk's client state can be ready before hydration (Next puts
 * clerk-js in the HTML), while the server rendered without it: whatever shows that state must
 * wait for this, or the first client render differs from the server's HTML.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  )
}
