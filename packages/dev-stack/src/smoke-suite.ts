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

export function defineAppSmokeSuite(name: string, options: ThrowawayStackOptions): void {
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
    it.each(['/', '/ssr'])('sends a signed-out visit to %s to /sign-in and back', async (route) => {
      const response = await fetch(`${running.app.url}${route}`, {
        headers: documentHeaders(),
        redirect: 'manual',
      })
      expect([302, 307]).toContain(response.status)
      const location = new URL(response.headers.get('location') ?? '', running.app.url)
      expect(location.pathname).toBe('/sign-in')
      expect(location.searchParams.get('redirect_url')).toBe(`${running.app.url}${route}`)
    })

    // Browsers ask for /favicon.ico on their own; a 404 there is a console error on every page.
    it.each(['/favicon.ico', '/icon.svg'])('serves its tab icon at %s', async (icon) => {
      const response = await fetch(`${running.app.url}${icon}`)
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
