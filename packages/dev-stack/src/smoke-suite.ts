// The smoke scenarios every app must pass, against the real local stack. Each app supplies how
// to start its built server; the scenarios are the shared UI contract's server-side half.
import { signInOverHttp } from '@repo/clerk-emulator/testing'
import { seededUsers } from '@repo/local-stack'
import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { documentHeaders } from './testing.ts'
import {
  type AppOnThrowawayStack,
  startAppOnThrowawayStack,
  type ThrowawayStackOptions,
} from './throwaway-stack.ts'

/**
 * An app's public list, read from the app itself by its smoke test so the two cannot drift: the
 * paths a signed-out visitor may request. A trailing `/*` stands for the path and every path
 * below it (sign-in's and sign-up's later steps). Every other page needs a signed-in user.
 */
export interface PublicRoutes {
  public: readonly string[]
}

/** The paths a test requests for one entry of the public list. */
export function publicPathsToVisit(entry: string): string[] {
  const base = entry.replace(/\/\*$/, '')
  return base === entry ? [entry] : [base, `${base}/factor-one`]
}

/** Whether the public list lets `pathname` through, as the apps read it. */
export function isOnPublicList(routes: PublicRoutes, pathname: string): boolean {
  return routes.public.some((entry) => {
    const base = entry.replace(/\/\*$/, '')
    return pathname === base || (base !== entry && pathname.startsWith(`${base}/`))
  })
}

// Pages on no public list: the app's two, and paths no route names, which the app still answers
// (with sign-in signed out, with 404 signed in) rather than telling a stranger what exists.
const NOT_PUBLIC = ['/', '/ssr', '/no-such-page', '/sign-in-later', '/api/webhooks/clerk/more']

export function defineAppSmokeSuite(
  name: string,
  options: ThrowawayStackOptions,
  routes: PublicRoutes,
): void {
  const { alice, bob } = seededUsers()
  let running: AppOnThrowawayStack

  beforeAll(async () => {
    running = await startAppOnThrowawayStack(options)
    await createClient(running.supabase.url, running.supabase.serviceRoleKey)
      .from('tasks')
      .insert([
        { name: 'Alice smoke task', user_id: alice.id },
        { name: 'Bob smoke task', user_id: bob.id },
      ])
  })

  afterAll(async () => {
    await running?.stop()
  })

  const aliceCookies = async () =>
    (
      await signInOverHttp(running.clerk.url, alice.email, alice.password, running.app.url)
    ).appCookieHeader()

  describe(`${name}, built, on the local stack`, () => {
    it('holds a public list of sign-in, sign-up and the webhook, and none of the pages', () => {
      expect(routes.public.map((entry) => entry.replace(/\/\*$/, '')).sort()).toEqual([
        '/api/webhooks/clerk',
        '/sign-in',
        '/sign-up',
      ])
      for (const path of NOT_PUBLIC) expect(isOnPublicList(routes, path), path).toBe(false)
    })

    it.each(NOT_PUBLIC)('sends a signed-out visit to %s to /sign-in and back', async (route) => {
      const response = await fetch(`${running.app.url}${route}`, {
        headers: documentHeaders(),
        redirect: 'manual',
      })
      expect([302, 307]).toContain(response.status)
      const location = new URL(response.headers.get('location') ?? '', running.app.url)
      expect(location.pathname).toBe('/sign-in')
      expect(location.searchParams.get('redirect_url')).toBe(`${running.app.url}${route}`)
    })

    it.each(routes.public.flatMap(publicPathsToVisit))(
      'lets a signed-out visitor reach %s, on the public list',
      async (route) => {
        const response = await fetch(`${running.app.url}${route}`, {
          headers: documentHeaders(),
          redirect: 'manual',
        })
        // The webhook answers a GET 405 (Clerk only POSTs); the sign-in and sign-up pages 200.
        expect(response.headers.get('location')).toBeNull()
        expect(response.status === 200 || response.status === 405, String(response.status)).toBe(
          true,
        )
      },
    )

    it('answers a path no route names with 404 once signed in, inside the app’s header', async () => {
      const response = await fetch(`${running.app.url}/no-such-page`, {
        headers: documentHeaders(await aliceCookies()),
        redirect: 'manual',
      })
      expect(response.status).toBe(404)
      // The way back is on the page: the header's links to the task pages, not a bare error.
      expect(await response.text()).toContain('Server-rendered tasks')
    })

    // Browsers ask for /favicon.ico on their own; a 404 there is a console error on every page.
    // Static files are public in every app: no check stands before them.
    it.each(['/favicon.ico', '/icon.svg'])('serves its tab icon at %s to anyone', async (icon) => {
      const response = await fetch(`${running.app.url}${icon}`, { redirect: 'manual' })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^image\//)
    })

    it('renders only alice’s tasks on /ssr when alice is signed in', async () => {
      const response = await fetch(`${running.app.url}/ssr`, {
        headers: documentHeaders(await aliceCookies()),
        redirect: 'manual',
      })
      expect(response.status).toBe(200)
      const html = await response.text()
      expect(html).toContain('Alice smoke task')
      expect(html).not.toContain('Bob smoke task')
      expect(html).toContain('New task')
    })

    it('says the database API is unreachable while it is down, and recovers', async () => {
      const cookies = await aliceCookies()
      await running.supabase.stopDataApi()
      try {
        const html = await (
          await fetch(`${running.app.url}/ssr`, { headers: documentHeaders(cookies) })
        ).text()
        expect(html).toContain('The database API is unreachable')
        expect(html).not.toContain('Alice smoke task')
      } finally {
        await running.supabase.startDataApi()
      }
      const again = await fetch(`${running.app.url}/ssr`, { headers: documentHeaders(cookies) })
      expect(await again.text()).toContain('Alice smoke task')
    })
  })
}
