'use client'
import type { ReactNode } from 'react'
import { useHydrated } from './use-hydrated.ts'

/**
 * Renders its children only once React has hydrated the page: on the server and during
 * hydration it renders nothing, so the first client render matches the server's HTML whatever
 * clerk-js's state is by then. Clerk's prebuilt components (<SignIn/>, <UserButton/>, …) need it
 * in every app: Next's <ClerkProvider> puts clerk-js in the HTML, so it can be ready before
 * hydration, and under Remix and React Router a component first rendered during hydration can
 * miss clerk-js's `ready` event for good (docs/frameworks.md, "Clerk's components wait for
 * hydration"). The directive makes it a Client Component when a Next Server Component renders it.
 */
export function AfterHydration({ children }: { children: ReactNode }) {
  return useHydrated() ? children : null
}
