import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resolveAppEnv } from '../src/index.ts'

let appDir: string

beforeEach(async () => {
  appDir = await mkdtemp(path.join(os.tmpdir(), 'dev-stack-app-'))
  for (const name of [
    'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
    'CLERK_SECRET_KEY',
    'NEXT_PUBLIC_SUPABASE_URL',
    'NEXT_PUBLIC_SUPABASE_KEY',
    'SUPABASE_URL',
    'SUPABASE_KEY',
    'CLERK_PUBLISHABLE_KEY',
  ]) {
    vi.stubEnv(name, undefined)
  }
})
afterEach(async () => {
  vi.unstubAllEnvs()
  await rm(appDir, { recursive: true, force: true })
})

describe('resolveAppEnv', () => {
  it('fills both groups from the local stack when the app configures neither', () => {
    const next = resolveAppEnv('next', appDir)
    expect(next.clerk).toBe('emulator')
    expect(next.supabase).toBe('local-supabase')
    expect(next.added).toMatchObject({
      NEXT_PUBLIC_CLERK_PROXY_URL: 'http://localhost:4100/__clerk',
      NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321',
    })
    const remix = resolveAppEnv('remix', appDir)
    expect(remix.added).toMatchObject({
      CLERK_JS: 'http://localhost:4100/js/clerk-5/clerk.browser.js',
      SUPABASE_URL: 'http://127.0.0.1:54321',
    })
  })

  it('leaves a group the user set in .env.local alone, whole', async () => {
    await writeFile(
      path.join(appDir, '.env.local'),
      'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_real\nCLERK_SECRET_KEY=sk_test_real\n',
    )
    const resolved = resolveAppEnv('next', appDir)
    expect(resolved.clerk).toBe('configured')
    expect(Object.keys(resolved.added).some((name) => name.includes('CLERK'))).toBe(false)
    expect(resolved.supabase).toBe('local-supabase')
  })

  it('treats the process env as configuration too', () => {
    vi.stubEnv('SUPABASE_URL', 'https://abc.supabase.co')
    const resolved = resolveAppEnv('remix', appDir)
    expect(resolved.supabase).toBe('configured')
    expect(resolved.added.SUPABASE_URL).toBeUndefined()
    expect(resolved.added.SUPABASE_KEY).toBeUndefined()
  })
})
