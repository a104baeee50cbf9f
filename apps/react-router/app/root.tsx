import { ClerkProvider, Show } from '@clerk/react-router'
import { clerkMiddleware, rootAuthLoader } from '@clerk/react-router/server'
import styles from '@repo/tasks/styles.css?url'
import type { ReactNode } from 'react'
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
} from 'react-router'
import type { Route } from './+types/root'
import { OrganizationSwitcher, UserButton } from './components/clerk'
import { supabaseEnv } from './lib/env.server'
import { SIGN_IN_URL, SIGN_UP_URL } from './lib/signed-in.server'

export const meta: Route.MetaFunction = () => [{ title: 'Tasks · React Router + Clerk + Supabase' }]
export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  // The .ico for browsers without SVG icons, and for their unprompted /favicon.ico request.
  { rel: 'icon', href: '/favicon.ico', sizes: '16x16 32x32 48x48' },
  { rel: 'icon', href: '/icon.svg', type: 'image/svg+xml' },
]

// Clerk authenticates every request once, here, for every route's loader and action.
export const middleware: Route.MiddlewareFunction[] = [
  clerkMiddleware({ signInUrl: SIGN_IN_URL, signUpUrl: SIGN_UP_URL }),
]

export const loader = (args: Route.LoaderArgs) =>
  // The Supabase URL and anon key are public; the browser's client is built from them.
  rootAuthLoader(args, () => ({ supabase: supabaseEnv }), {
    signInUrl: SIGN_IN_URL,
    signUpUrl: SIGN_UP_URL,
  })

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

export default function App({ loaderData }: Route.ComponentProps) {
  // After a switch (or creating or leaving an organization) Clerk navigates to these URLs once
  // the new session token is in the cookie; none is set by default, and the page's loaders would
  // then keep the previous organization's data. The page the user is on: navigating to the
  // current URL runs its middleware and loaders again, with the new token.
  const { pathname, search } = useLocation()
  const here = pathname + search
  return (
    <ClerkProvider loaderData={loaderData}>
      <header className="site-header">
        <strong className="framework">React Router</strong>
        <nav aria-label="Task pages">
          <Link to="/">Client-side tasks</Link>
          <Link to="/ssr">Server-rendered tasks</Link>
        </nav>
        <Show when="signed-in">
          {/* The personal account stays in the list (hidePersonal is off by default). */}
          <OrganizationSwitcher
            afterSelectOrganizationUrl={here}
            afterSelectPersonalUrl={here}
            afterCreateOrganizationUrl={here}
            afterLeaveOrganizationUrl={here}
            // Invitations by email are beyond this kit (the local Clerk emulator sends none).
            skipInvitationScreen
          />
          <UserButton />
        </Show>
      </header>
      <main>
        <Outlet />
      </main>
    </ClerkProvider>
  )
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Something went wrong.'
  return (
    <main>
      <h1>Something went wrong</h1>
      <p role="alert" className="alert">
        {message}
      </p>
    </main>
  )
}
