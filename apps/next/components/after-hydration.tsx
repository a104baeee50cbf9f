'use client'
import { type ReactNode, useSyncExternalStore } from 'react'

const subscribe = () => () => undefined

/**
 * Renders its children only once React has hydrated the page. Clerk's prebuilt components render
 * nothing on the server and, on the client, whatever clerk-js's state is at that moment. Next's
 * <ClerkProvider> puts the clerk-js script in the HTML, so clerk-js can finish loading before
 * React hydrates (seen in `next dev` while a route compiles), and the first client render then
 * differs from the server's: a hydration error. During hydration this renders the server's
 * snapshot (nothing), then the children.
 */
export function AfterHydration({ children }: { children: ReactNode }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  )
  return hydrated ? children : null
}
