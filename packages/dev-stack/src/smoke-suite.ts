// The smoke scenarios both apps must pass, against the real local stack. Each app supplies how
// to start its built server; the scenarios are the shared UI contract's server-side half.
import { type AppEnv, appEnv } from '@repo/clerk-emulator'
import { signInOverHttp, startTestEmulator, type TestEmulator } from '@repo/clerk-emulator/testing'
import { seededUsers } from '@repo/local-stack'
import { type LocalSupabase, localStackSecrets, startLocalSupabase } from '@repo/local-supabase'
import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { documentHeaders, type RunningApp } from './testing.ts'

export interface SmokeStack {
  clerkEnv: AppEnv
  supabaseUrl: string
  supabaseKey: string
  serviceRoleKey: string
}

export interface SmokeOptions {
  /**
   * Fixed ports, for builds that inlined the local stack's URLs (Next's NEXT_PUBLIC_*);
   * omitted, free ports are used.
   */
  ports?: { clerk: number; supabase: number }
  start(stack: SmokeStack): Promise<RunningApp>
}

export function defineAppSmokeSuite(name: string, options: SmokeOptions): void {
  const { alice, bob } = seededUsers()
  let clerk: TestEmulator
  let supabase: LocalSupabase
  let app: RunningApp

  beforeAll(async () => {
    clerk = await startTestEmulator({ port: options.ports?.clerk })
    supabase = await startLocalSupabase({
      trustedJwks: { url: `${clerk.url}/.well-known/jwks.json` },
      ports: { api: options.ports?.supabase },
      // This checkout's publishable key: Next's build inlined it (with-local-env). The rest is
      // random.
      keys: { anonKey: localStackSecrets().anonKey },
      onLog: () => undefined,
    })
    app = await options.start({
      clerkEnv: appEnv(clerk.emulator.instance, clerk.emulator.key, clerk.emulator.webhookSecret),
      supabaseUrl: supabase.url,
      supabaseKey: supabase.anonKey,
      serviceRoleKey: supabase.serviceRoleKey,
    })
    // The app listens on a free port: let it use the instance, as its handshakes need.
    clerk.emulator.allowOrigin(app.url)
    await createClient(supabase.url, supabase.serviceRoleKey)
      .from('tasks')
      .insert([
        { name: 'Alice smoke task', user_id: alice.id },
        { name: 'Bob smoke task', user_id: bob.id },
      ])
  })

  afterAll(async () => {
    await app?.stop()
    await supabase?.stop()
    await clerk?.stop()
  })

  const aliceCookies = async () =>
    (await signInOverHttp(clerk.url, alice.email, alice.password, app.url)).appCookieHeader()

  describe(`${name}, built, on the local stack`, () => {
    it.each(['/', '/ssr'])('sends a signed-out visit to %s to /sign-in and back', async (route) => {
      const response = await fetch(`${app.url}${route}`, {
        headers: documentHeaders(),
        redirect: 'manual',
      })
      expect([302, 307]).toContain(response.status)
      const location = new URL(response.headers.get('location') ?? '', app.url)
      expect(location.pathname).toBe('/sign-in')
      expect(location.searchParams.get('redirect_url')).toBe(`${app.url}${route}`)
    })

    // Browsers ask for /favicon.ico on their own; a 404 there is a console error on every page.
    it.each(['/favicon.ico', '/icon.svg'])('serves its tab icon at %s', async (icon) => {
      const response = await fetch(`${app.url}${icon}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^image\//)
    })

    it('renders only alice’s tasks on /ssr when alice is signed in', async () => {
      const response = await fetch(`${app.url}/ssr`, {
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
      await supabase.stopDataApi()
      try {
        const html = await (
          await fetch(`${app.url}/ssr`, { headers: documentHeaders(cookies) })
        ).text()
        expect(html).toContain('The database API is unreachable')
        expect(html).not.toContain('Alice smoke task')
      } finally {
        await supabase.startDataApi()
      }
      const again = await fetch(`${app.url}/ssr`, { headers: documentHeaders(cookies) })
      expect(await again.text()).toContain('Alice smoke task')
    })
  })
}
