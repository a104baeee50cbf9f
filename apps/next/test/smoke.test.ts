// The built app against the real local stack: Clerk emulator on :4100 and local-supabase on
// :54321 (the ports `next build` inlined), `next start` on a free port.
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { appEnv } from '@repo/clerk-emulator'
import {
  seededUsers,
  signInOverHttp,
  startTestEmulator,
  type TestEmulator,
} from '@repo/clerk-emulator/testing'
import {
  DEFAULT_ANON_KEY,
  DEFAULT_SERVICE_ROLE_KEY,
  type LocalSupabase,
  startLocalSupabase,
} from '@repo/local-supabase'
import { findFreePort } from '@repo/local-supabase/testing'
import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { alice, bob } = seededUsers()

let clerk: TestEmulator
let stack: LocalSupabase
let app: ChildProcess
let appUrl: string

async function waitForApp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`)
    try {
      if ((await fetch(`${url}/sign-in`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`next start did not answer at ${url}`)
}

beforeAll(async () => {
  clerk = await startTestEmulator({ port: 4100 })
  stack = await startLocalSupabase({
    trustedJwks: { url: `${clerk.url}/.well-known/jwks.json` },
    ports: { api: 54321 },
    keys: { anonKey: DEFAULT_ANON_KEY, serviceRoleKey: DEFAULT_SERVICE_ROLE_KEY },
    onLog: () => undefined,
  })
  const port = await findFreePort()
  appUrl = `http://localhost:${port}`
  // `exec`-style: the next binary itself, so the PID we hold is the server's.
  app = spawn(path.join(appDir, 'node_modules/.bin/next'), ['start', '--port', String(port)], {
    cwd: appDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...appEnv(clerk.emulator.instance, clerk.emulator.key).next,
      NEXT_PUBLIC_SUPABASE_URL: stack.url,
      NEXT_PUBLIC_SUPABASE_KEY: stack.anonKey,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  })
  await waitForApp(appUrl, app)

  const service = createClient(stack.url, stack.serviceRoleKey)
  await service.from('tasks').insert([
    { name: 'Alice smoke task', user_id: alice.id },
    { name: 'Bob smoke task', user_id: bob.id },
  ])
})

afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app.once('exit', resolve))
    app.kill('SIGTERM')
    await exited
  }
  await stack?.stop()
  await clerk?.stop()
})

const documentHeaders = (cookie?: string) => ({
  accept: 'text/html',
  'sec-fetch-dest': 'document',
  ...(cookie ? { cookie } : {}),
})

describe('apps/next, built, on the local stack', () => {
  it.each(['/', '/ssr'])('sends a signed-out visit to %s to /sign-in and back', async (route) => {
    const response = await fetch(`${appUrl}${route}`, {
      headers: documentHeaders(),
      redirect: 'manual',
    })
    expect([302, 307]).toContain(response.status)
    const location = new URL(response.headers.get('location') ?? '', appUrl)
    expect(location.pathname).toBe('/sign-in')
    expect(location.searchParams.get('redirect_url')).toBe(`${appUrl}${route}`)
  })

  it('renders only alice’s tasks on /ssr when alice is signed in', async () => {
    const session = await signInOverHttp(clerk.url, alice.email, alice.password, appUrl)
    const response = await fetch(`${appUrl}/ssr`, {
      headers: documentHeaders(await session.appCookieHeader()),
      redirect: 'manual',
    })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('Alice smoke task')
    expect(html).not.toContain('Bob smoke task')
    expect(html).toContain('New task')
  })

  it('says the database API is unreachable while it is down, and recovers', async () => {
    const session = await signInOverHttp(clerk.url, alice.email, alice.password, appUrl)
    await stack.stopDataApi()
    try {
      const down = await fetch(`${appUrl}/ssr`, {
        headers: documentHeaders(await session.appCookieHeader()),
      })
      const html = await down.text()
      expect(html).toContain('The database API is unreachable')
      expect(html).not.toContain('Alice smoke task')
    } finally {
      await stack.startDataApi()
    }
    const up = await fetch(`${appUrl}/ssr`, {
      headers: documentHeaders(await session.appCookieHeader()),
    })
    expect(await up.text()).toContain('Alice smoke task')
  })
})
