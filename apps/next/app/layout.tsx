import { ClerkProvider, Show, UserButton } from '@clerk/nextjs'
import { AfterHydration } from '@repo/tasks/react'
import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { HeaderOrganizationSwitcher } from '../components/header-organization-switcher'
import { SIGN_IN_URL, SIGN_UP_URL } from '../lib/routes'
import '@repo/tasks/styles.css'

export const metadata: Metadata = {
  title: 'Tasks · Next.js + Clerk + Supabase',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <ClerkProvider signInUrl={SIGN_IN_URL} signUpUrl={SIGN_UP_URL}>
      <html lang="en">
        <body>
          <header className="site-header">
            <strong className="framework">Next.js</strong>
            {/* No prefetch: on /sign-in it would cache the protected pages' redirect to sign-in,
                and Clerk's navigation right after signing in would follow that stale redirect. */}
            <nav aria-label="Task pages">
              <Link href="/" prefetch={false}>
                Client-side tasks
              </Link>
              <Link href="/ssr" prefetch={false}>
                Server-rendered tasks
              </Link>
            </nav>
            <AfterHydration>
              <Show when="signed-in">
                <HeaderOrganizationSwitcher />
                <UserButton />
              </Show>
            </AfterHydration>
          </header>
          <main>{children}</main>
        </body>
      </html>
    </ClerkProvider>
  )
}
