import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { AppName } from '@repo/local-stack'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appEnvVariables, currentAppEnvVariables, sdkSwitches } from '../src/app-env.ts'
import { APP_ENV_VARIABLES, HalfConfiguredError, resolveAppEnv } from '../src/index.ts'
import { appDir as appFolder, appNames, repoRoot } from '../src/testing.ts'

let appDir: string

/** A whole group of each, as a user copies it from the dashboards. */
const CLERK_WEBHOOK = 'CLERK_WEBHOOK_SIGNING_SECRET=whsec_real\n'
const SUPABASE_SECRET = 'SUPABASE_SECRET_KEY=sb_secret_real\n'

beforeEach(async () => {
  appDir = await mkdtemp(path.join(os.tmpdir(), 'dev-stack-app-'))
  for (const name of APP_ENV_VARIABLES) vi.stubEnv(name, undefined)
})
afterEach(async () => {
  vi.unstubAllEnvs()
  await rm(appDir, { recursive: true, force: true })
})

describe('resolveAppEnv', () => {
  it('fills both groups from the local stack when the app configures neither', () => {
    const next = resolveAppEnv('next', appDir, 'development')
    expect(next.clerk).toBe('emulator')
    expect(next.supabase).toBe('local-supabase')
    expect(next.added).toMatchObject({
      NEXT_PUBLIC_CLERK_PROXY_URL: 'http://localhost:4100/__clerk',
      NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321',
    })
    const remix = resolveAppEnv('remix', appDir, 'development')
    expect(remix.added).toMatchObject({
      CLERK_JS: 'http://localhost:4100/js/clerk-5/clerk.browser.js',
      SUPABASE_URL: 'http://127.0.0.1:54321',
    })
  })

  it('uses a group the user set in .env.local, whole, and passes its values on', async () => {
    await writeFile(
      path.join(appDir, '.env.local'),
      `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_real\nCLERK_SECRET_KEY=sk_test_real\n${CLERK_WEBHOOK}`,
    )
    const resolved = resolveAppEnv('next', appDir, 'development')
    expect(resolved.clerk).toBe('configured')
    expect(resolved.added.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY).toBe('pk_test_real')
    expect(resolved.added.CLERK_SECRET_KEY).toBe('sk_test_real')
    expect(resolved.added.CLERK_WEBHOOK_SIGNING_SECRET).toBe('whsec_real')
    expect(resolved.added.NEXT_PUBLIC_CLERK_PROXY_URL).toBeUndefined()
    expect(resolved.added.CLERK_JWT_KEY).toBeUndefined()
    expect(resolved.supabase).toBe('local-supabase')
  })

  it.each([
    ['development', '.env.development', 'configured'],
    ['development', '.env.production', 'local-supabase'],
    ['production', '.env.production.local', 'configured'],
    ['production', '.env.development.local', 'local-supabase'],
  ] as const)('in %s mode, reads %s: %s', async (mode, file, expected) => {
    await writeFile(
      path.join(appDir, file),
      `SUPABASE_URL=https://abc.supabase.co\nSUPABASE_PUBLISHABLE_KEY=sb_publishable_x\n${SUPABASE_SECRET}`,
    )
    expect(resolveAppEnv('remix', appDir, mode).supabase).toBe(expected)
  })

  it('with Clerk configured, never reads or creates the emulator’s signing key', async () => {
    const keyFile = path.join(appDir, 'emulator', 'signing-key.pem')
    vi.stubEnv('CLERK_EMULATOR_KEY_FILE', keyFile)
    await writeFile(
      path.join(appDir, '.env.local'),
      `CLERK_PUBLISHABLE_KEY=pk_live_x\nCLERK_SECRET_KEY=sk_live_x\n${CLERK_WEBHOOK}`,
    )
    expect(resolveAppEnv('remix', appDir, 'production').clerk).toBe('configured')
    expect(existsSync(keyFile)).toBe(false)
  })

  it('treats the process env as configuration too, and adds nothing it already has', () => {
    vi.stubEnv('SUPABASE_URL', 'https://abc.supabase.co')
    vi.stubEnv('SUPABASE_PUBLISHABLE_KEY', 'sb_publishable_x')
    vi.stubEnv('SUPABASE_SECRET_KEY', 'sb_secret_x')
    const resolved = resolveAppEnv('remix', appDir, 'production')
    expect(resolved.supabase).toBe('configured')
    expect(resolved.added.SUPABASE_URL).toBeUndefined()
    expect(resolved.added.SUPABASE_PUBLISHABLE_KEY).toBeUndefined()
    expect(resolved.added.SUPABASE_SECRET_KEY).toBeUndefined()
    expect(resolved.clerk).toBe('emulator')
  })

  it('counts an empty value as unset', async () => {
    vi.stubEnv('CLERK_SECRET_KEY', '')
    await writeFile(path.join(appDir, '.env'), 'NEXT_PUBLIC_SUPABASE_URL=\n')
    const resolved = resolveAppEnv('next', appDir, 'development')
    expect(resolved.clerk).toBe('emulator')
    expect(resolved.supabase).toBe('local-supabase')
    expect(resolved.added.CLERK_SECRET_KEY).toMatch(/^sk_/)
  })

  it('refuses a half-set Clerk group, naming the missing half and where it comes from', async () => {
    await writeFile(
      path.join(appDir, '.env.local'),
      'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_live_x\n',
    )
    const attempt = () => resolveAppEnv('next', appDir, 'development')
    expect(attempt).toThrow(HalfConfiguredError)
    expect(attempt).toThrow(
      `The Clerk settings are only half set: NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY (from ${path.relative(process.cwd(), appDir)}/.env.local) is set, but CLERK_SECRET_KEY (from the Clerk dashboard > API keys (server-only)) is not.`,
    )
  })

  it('refuses a half-set Supabase group from the process env', () => {
    vi.stubEnv('SUPABASE_PUBLISHABLE_KEY', 'sb_publishable_x')
    expect(() => resolveAppEnv('remix', appDir, 'production')).toThrow(
      'SUPABASE_PUBLISHABLE_KEY (from the process env) is set, but SUPABASE_URL (from the Supabase dashboard > Project Settings > Data API > Project URL) is not.',
    )
  })

  it('counts an emulator-only variable as part of the Clerk group', () => {
    vi.stubEnv('CLERK_PROXY_URL', 'http://localhost:4999/__clerk')
    expect(() => resolveAppEnv('remix', appDir, 'development')).toThrow(
      /CLERK_PUBLISHABLE_KEY \(from the Clerk dashboard > API keys\) and CLERK_SECRET_KEY/,
    )
  })

  it('gives the local stack’s keys under the current names only', () => {
    const next = resolveAppEnv('next', appDir, 'development').added
    const remix = resolveAppEnv('remix', appDir, 'development').added
    expect(next.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY).toMatch(/^sb_publishable_/)
    expect(next.SUPABASE_SECRET_KEY).toMatch(/^sb_secret_/)
    expect(remix.SUPABASE_PUBLISHABLE_KEY).toMatch(/^sb_publishable_/)
    expect(remix.SUPABASE_SECRET_KEY).toMatch(/^sb_secret_/)
    for (const old of ['NEXT_PUBLIC_SUPABASE_KEY', 'SUPABASE_KEY', 'SUPABASE_SERVICE_ROLE_KEY']) {
      expect(next[old]).toBeUndefined()
      expect(remix[old]).toBeUndefined()
    }
  })

  it('counts a group set under the old names as set, and passes those names on', async () => {
    await writeFile(
      path.join(appDir, '.env.local'),
      'NEXT_PUBLIC_SUPABASE_URL=https://abc.supabase.co\nNEXT_PUBLIC_SUPABASE_KEY=sb_publishable_x\nSUPABASE_SERVICE_ROLE_KEY=sb_secret_x\n',
    )
    const resolved = resolveAppEnv('next', appDir, 'development')
    expect(resolved.supabase).toBe('configured')
    expect(resolved.added).toMatchObject({
      NEXT_PUBLIC_SUPABASE_KEY: 'sb_publishable_x',
      SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_x',
    })
    expect(resolved.added.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY).toBeUndefined()
  })

  it('counts old and new names together, and names the missing one by its new name', () => {
    vi.stubEnv('SUPABASE_KEY', 'sb_publishable_x')
    vi.stubEnv('SUPABASE_SECRET_KEY', 'sb_secret_x')
    vi.stubEnv('SUPABASE_URL', 'https://abc.supabase.co')
    expect(resolveAppEnv('remix', appDir, 'production').supabase).toBe('configured')
    vi.stubEnv('SUPABASE_URL', undefined)
    expect(() => resolveAppEnv('remix', appDir, 'production')).toThrow(
      /SUPABASE_KEY \(from the process env\), SUPABASE_SECRET_KEY \(from the process env\) are set, but SUPABASE_URL \(from .*Data API > Project URL\) is not/,
    )
  })

  // The webhook pair (CLERK_WEBHOOK_SIGNING_SECRET, SUPABASE_SECRET_KEY) is optional: an app
  // against real Clerk runs before its webhook endpoint exists.
  it('gives real Clerk without a webhook secret no local Supabase secret key', async () => {
    await writeFile(
      path.join(appDir, '.env.local'),
      'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_real\nCLERK_SECRET_KEY=sk_test_real\n',
    )
    const resolved = resolveAppEnv('next', appDir, 'development')
    expect(resolved).toMatchObject({ clerk: 'configured', supabase: 'local-supabase' })
    expect(resolved.added.NEXT_PUBLIC_SUPABASE_URL).toBe('http://127.0.0.1:54321')
    expect(resolved.added.SUPABASE_SECRET_KEY).toBeUndefined()
    expect(resolved.added.CLERK_WEBHOOK_SIGNING_SECRET).toBeUndefined()
  })

  it('gives hosted Supabase without a secret key no emulator webhook secret', () => {
    vi.stubEnv('SUPABASE_URL', 'https://abc.supabase.co')
    vi.stubEnv('SUPABASE_PUBLISHABLE_KEY', 'sb_publishable_x')
    const resolved = resolveAppEnv('remix', appDir, 'production')
    expect(resolved).toMatchObject({ clerk: 'emulator', supabase: 'configured' })
    expect(resolved.added.CLERK_PUBLISHABLE_KEY).toMatch(/^pk_live_/)
    expect(resolved.added.CLERK_WEBHOOK_SIGNING_SECRET).toBeUndefined()
  })

  it('completes a webhook secret the user set with the local Supabase secret key', async () => {
    await writeFile(
      path.join(appDir, '.env.local'),
      `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_real\nCLERK_SECRET_KEY=sk_test_real\n${CLERK_WEBHOOK}`,
    )
    const resolved = resolveAppEnv('next', appDir, 'development')
    expect(resolved.added.CLERK_WEBHOOK_SIGNING_SECRET).toBe('whsec_real')
    expect(resolved.added.SUPABASE_SECRET_KEY).toMatch(/^sb_secret_/)
  })

  it('lists every name an app reads, old names included, for the tests to unset', () => {
    for (const name of [
      'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY',
      'NEXT_PUBLIC_SUPABASE_KEY',
      'SUPABASE_PUBLISHABLE_KEY',
      'SUPABASE_KEY',
      'SUPABASE_SECRET_KEY',
      'SUPABASE_SERVICE_ROLE_KEY',
    ]) {
      expect(APP_ENV_VARIABLES).toContain(name)
    }
  })
})

describe('each app’s turbo.json', () => {
  interface Task {
    env?: string[]
    passThroughEnv?: string[]
  }
  const tasksOf = (app: AppName): Record<string, Task> => {
    const text = readFileSync(path.join(appFolder(app), 'turbo.json'), 'utf8')
    // turbo.json allows comments; here they all sit on lines of their own.
    return JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')).tasks
  }
  const declares = (task: Task, name: string) =>
    [...(task.env ?? []), ...(task.passThroughEnv ?? [])].some((entry) =>
      entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : entry === name,
    )

  // Strict env mode hands a task only the variables it declares: one left out never reaches the
  // app, whatever the user set. Next's `start` runs what the build inlined, NEXT_PUBLIC_* included,
  // and its production `build` reads only those (the server's values are set at run time).
  const tasksToCheck = {
    next: ['build:local', 'dev', 'preview', 'start', 'build'],
    remix: ['dev', 'preview', 'start'],
    'react-router': ['dev', 'preview', 'start'],
  } as const satisfies Record<AppName, readonly string[]>
  it.each(appNames().map((app) => [app, tasksToCheck[app]] as const))(
    '%s: passes every variable of its groups, old names included, to %j',
    (app, names) => {
      const tasks = tasksOf(app)
      for (const taskName of names) {
        const task = tasks[taskName] ?? {}
        const needed = appEnvVariables(app).filter((name) =>
          app === 'next' && taskName === 'start'
            ? !name.startsWith('NEXT_PUBLIC_')
            : app === 'next' && taskName === 'build'
              ? name.startsWith('NEXT_PUBLIC_')
              : true,
        )
        expect(
          needed.filter((name) => !declares(task, name)),
          `${app} ${taskName}`,
        ).toEqual([])
      }
    },
  )
})

describe('what the docs list', () => {
  const apps = appNames()
  it.each(apps)('%s: .env.example lists exactly the variables of its groups', (app) => {
    const text = readFileSync(path.join(appFolder(app), '.env.example'), 'utf8')
    const listed = [...text.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1])
    expect(listed.filter((name) => !sdkSwitches(app).includes(name ?? '')).sort()).toEqual(
      currentAppEnvVariables(app).sort(),
    )
  })

  it("the root README's env reference names every variable of every app", () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
    const table = readme.slice(
      readme.indexOf('## Env reference'),
      readme.indexOf('\n## ', readme.indexOf('## Env reference') + 1),
    )
    const missing = apps
      .flatMap(currentAppEnvVariables)
      .filter((name) => !table.includes(`\`${name}\``))
    expect([...new Set(missing)]).toEqual([])
  })
})
