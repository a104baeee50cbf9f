import { ClerkApp, SignedIn } from '@clerk/remix'
import { rootAuthLoader } from '@clerk/remix/ssr.server'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
} from '@remix-run/react'
import styles from '@repo/tasks/styles.css?url'
import type { ReactNode } from 'react'
import { OrganizationSwitcher, UserButton } from './components/clerk'
import { SIGN_IN_URL, SIGN_UP_URL } from './lib/auth.server'
import { supabaseEnv } from './lib/env.server'

export const meta: MetaFunction = () => [{ title: 'Tasks · Remix + Clerk + Supabase' }]
export const links = () => [
  { rel: 'stylesheet', href: styles },
  // The .ico for browsers without SVG icons, and for their unprompted /favicon.ico request.
  { rel: 'icon', href: '/favicon.ico', sizes: '16x16 32x32 48x48' },
  { rel: 'icon', href: '/icon.svg', type: 'image/svg+xml' },
]

export const loader = (args: LoaderFunctionArgs) => {
  // The Supabase URL and anon key are public; the browser's client is built from them.
  return rootAuthLoader(args, () => ({ supabase: supabaseEnv }), {
    signInUrl: SIGN_IN_URL,
    signUpUrl: SIGN_UP_URL,
  })
}

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

function App() {
  // After a switch (or creating or leaving an organization) Clerk navigates to these URLs once
  // the new session token is in the cookie; none is set by default, and a Remix page's loaders
  // would then keep the previous organization's data. The page the user is on: navigating to
  // the current URL runs its loaders again, with the new token.
  const { pathname, search } = useLocation()
  const here = pathname + search
  return (
    <>
      <header className="site-header">
        <strong className="framework">Remix</strong>
        <nav aria-label="Task pages">
          <Link to="/">Client-side tasks</Link>
          <Link to="/ssr">Server-rendered tasks</Link>
        </nav>
        <SignedIn>
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
        </SignedIn>
      </header>
      <main>
        <Outlet />
      </main>
    </>
  )
}

export default ClerkApp(App)

export function ErrorBoundary() {
  const error = useRouteError()
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
