// The env a user sets is the env the app uses, through turbo's strict env mode. A second Clerk
// emulator and a second local-supabase, on other ports and with other keys, stand in for "your
// real Clerk and Supabase"; the suite's own stack plays the local default. Each case signs in
// through the app and adds a task in a real browser, then checks where the rows really went.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { type AppEnv, toDotenv } from '@repo/clerk-emulator'
import type { TestEmulator } from '@repo/clerk-emulator/testing'
import { APP_ENV_VARIABLES } from '@repo/dev-stack'
import { type LocalSupabase, localSecretsFile } from '@repo/local-supabase'
import { assertPortFree } from '@repo/local-supabase/testing'
import { createClient } from '@supabase/supabase-js'
import { appDir, DEV_PORTS, FRAMEWORKS, type Framework, repoRoot } from '../support/apps.ts'
import { expect, signIn, storedCount, test, USERS, unique } from '../support/fixtures.ts'
import { CAROL, type SecondInstance, startSecondInstance } from '../support/second-instance.ts'
import { runTurbo, type TurboRun, taskHash, waitForApps } from '../support/turbo.ts'

/** Nothing of the apps' env may leak into a case from outside it. */
const APP_VARIABLES = [...APP_ENV_VARIABLES, 'PORT']

let second: SecondInstance | undefined
let clerk2: TestEmulator
let supabase2: LocalSupabase
let clerk2Env: AppEnv

test.describe.configure({ mode: 'serial' })

test.beforeAll(async ({ stack }) => {
  // The cases run `pnpm dev` on the dev ports, which the dev project's apps held until now.
  const stopped = await fetch(`${stack.controlUrl}/apps/dev/stop`)
  expect(stopped.status, 'stopping the dev project’s apps').toBe(200)
  second = await startSecondInstance(stack.emulatorUrl)
  clerk2 = second.clerk
  supabase2 = second.supabase
  clerk2Env = second.clerkEnv
})

test.afterAll(async () => {
  await second?.stop()
})

/** Every app's Clerk group (the apps share names where they share meaning) and Supabase group. */
const allGroups = () => ({
  ...clerk2Env.next,
  ...clerk2Env.remix,
  ...clerk2Env['react-router'],
  ...supabaseGroups(),
})

const supabaseGroups = () => ({
  NEXT_PUBLIC_SUPABASE_URL: supabase2.url,
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: supabase2.anonKey,
  SUPABASE_URL: supabase2.url,
  SUPABASE_PUBLISHABLE_KEY: supabase2.anonKey,
  SUPABASE_SECRET_KEY: supabase2.serviceRoleKey,
})

/** The same, under the keys' old names (Clerk's Supabase guide's, and service_role). */
const oldNameSupabaseGroups = () => ({
  NEXT_PUBLIC_SUPABASE_URL: supabase2.url,
  NEXT_PUBLIC_SUPABASE_KEY: supabase2.anonKey,
  SUPABASE_URL: supabase2.url,
  SUPABASE_KEY: supabase2.anonKey,
  SUPABASE_SERVICE_ROLE_KEY: supabase2.serviceRoleKey,
})

/** A server left on an app's port would answer in the app's place: fail clearly instead. */
async function portFree(framework: Framework): Promise<void> {
  const port = DEV_PORTS[framework]
  await assertPortFree(port, `the ${framework} app`, 'PORT').catch(() => {
    throw new Error(
      `Port ${port} (the ${framework} app) is in use, and whatever holds it would answer in the app's place. Stop it (lsof -i :${port}) and run again.`,
    )
  })
}

const devUrl = (framework: Framework) => `http://localhost:${DEV_PORTS[framework]}`

/** Adds a task on /ssr as `user` and checks it landed in the second database only. */
async function addAndLocate(
  page: Page,
  appUrl: string,
  user: { id: string; email: string; password: string },
  defaultStack: { supabaseUrl: string; serviceRoleKey: string },
) {
  await signIn(page, appUrl, user, '/ssr')
  const name = unique('Routed task')
  await page.getByLabel('New task').fill(name)
  await page.getByRole('button', { name: 'Add' }).click()
  await expect(page.locator('main .task-list li', { hasText: name })).toBeVisible()
  const rows = await createClient(supabase2.url, supabase2.serviceRoleKey)
    .from('tasks')
    .select('user_id')
    .eq('name', name)
  expect(rows.data).toEqual([{ user_id: user.id }])
  expect(await storedCount(defaultStack, name)).toBe(0)
}

const signInsAtSecondClerk = () =>
  clerk2.emulator.requestLog.filter(
    (entry) => entry.method === 'POST' && entry.path === '/__clerk/v1/client/sign_ins',
  ).length

function unhandledAtSecondClerk(): string[] {
  return clerk2.emulator.requestLog
    .filter((entry) => !entry.handled)
    .map((entry) => `${entry.method} ${entry.path}`)
}

/** Both dev apps: carol signs in at the second Clerk, and her task lands in the second database. */
function everyAppUsesTheSecondInstance() {
  for (const framework of FRAMEWORKS) {
    test(`${framework}, pnpm dev: sign-in goes to the second Clerk and rows to the second database`, async ({
      page,
      stack,
    }) => {
      const before = signInsAtSecondClerk()
      await addAndLocate(page, devUrl(framework), CAROL, stack)
      expect(signInsAtSecondClerk()).toBeGreaterThan(before)
      expect(unhandledAtSecondClerk()).toEqual([])
    })
  }
}

/** `pnpm dev`'s app tasks, through turbo, with `env` in the process env. */
async function devThroughTurbo(label: string, env: Record<string, string>): Promise<TurboRun> {
  const logFile = test.info().outputPath(`turbo-dev-${label}.log`)
  for (const framework of FRAMEWORKS) await portFree(framework)
  const run = runTurbo(
    ['dev', ...FRAMEWORKS.map((framework) => `--filter=@repo/app-${framework}`)],
    {
      env,
      drop: APP_VARIABLES,
      logFile,
    },
  )
  try {
    await waitForApps(
      run,
      FRAMEWORKS.map((framework) => `${devUrl(framework)}/sign-in`),
      logFile,
    )
  } catch (error) {
    await run.stop()
    throw error
  }
  return run
}

test.describe('(a) both groups in the process env', () => {
  let run: TurboRun | undefined
  test.beforeAll(async () => {
    run = await devThroughTurbo('a', allGroups())
  })
  test.afterAll(async () => run?.stop())

  everyAppUsesTheSecondInstance()
})

test.describe('(b) both groups in each app’s env files', () => {
  const files = { next: '.env.local', remix: '.env', 'react-router': '.env' } as const
  const written: string[] = []
  let run: TurboRun | undefined
  test.beforeAll(async () => {
    const supabase = supabaseGroups()
    for (const framework of FRAMEWORKS) {
      const file = path.join(appDir(framework), files[framework])
      const values =
        framework === 'next'
          ? {
              ...clerk2Env.next,
              NEXT_PUBLIC_SUPABASE_URL: supabase.NEXT_PUBLIC_SUPABASE_URL,
              NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: supabase.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY,
              SUPABASE_SECRET_KEY: supabase.SUPABASE_SECRET_KEY,
            }
          : {
              ...clerk2Env[framework],
              SUPABASE_URL: supabase.SUPABASE_URL,
              SUPABASE_PUBLISHABLE_KEY: supabase.SUPABASE_PUBLISHABLE_KEY,
              SUPABASE_SECRET_KEY: supabase.SUPABASE_SECRET_KEY,
            }
      // `wx`: never overwrite a file of the user's; the test stops instead.
      await writeFile(file, toDotenv(values), { flag: 'wx' }).catch(
        (error: NodeJS.ErrnoException) => {
          throw error.code === 'EEXIST'
            ? new Error(
                `${file} exists: this test writes its own there. Move yours aside to run it.`,
              )
            : error
        },
      )
      written.push(file)
    }
    run = await devThroughTurbo('b', {})
  })
  test.afterAll(async () => {
    await run?.stop()
    for (const file of written) await rm(file, { force: true })
  })

  everyAppUsesTheSecondInstance()
})

test.describe('(c) only the Supabase group set: Clerk stays the default emulator', () => {
  let run: TurboRun | undefined
  test.beforeAll(async () => {
    run = await devThroughTurbo('c', supabaseGroups())
  })
  test.afterAll(async () => run?.stop())

  for (const framework of FRAMEWORKS) {
    test(`${framework}, pnpm dev: alice signs in with the default Clerk; rows go to the second database`, async ({
      page,
      stack,
    }) => {
      const before = signInsAtSecondClerk()
      await addAndLocate(page, devUrl(framework), USERS.alice, stack)
      expect(signInsAtSecondClerk()).toBe(before)
    })
  }
})

test.describe('(d) the Supabase group under the old names: still read, through turbo too', () => {
  let run: TurboRun | undefined
  test.beforeAll(async () => {
    run = await devThroughTurbo('d', oldNameSupabaseGroups())
  })
  test.afterAll(async () => run?.stop())

  for (const framework of FRAMEWORKS) {
    test(`${framework}, pnpm dev: rows go to the second database`, async ({ page, stack }) => {
      await addAndLocate(page, devUrl(framework), USERS.alice, stack)
    })
  }
})

test.describe('(a) in production: pnpm build, then each app’s start command', () => {
  const env = allGroups
  let run: TurboRun | undefined
  test.afterEach(async () => {
    await run?.stop()
    run = undefined
  })
  test.afterAll(async () => {
    if (!FRAMEWORKS.includes('next')) return
    // Put back the build the other suites use (build:local, on the default stack): turbo's cache
    // has it, so this is a restore, not a rebuild.
    const restore = runTurbo(['build:local', '--filter=@repo/app-next'], {
      env: {},
      drop: APP_VARIABLES,
      logFile: test.info().outputPath('turbo-build-restore.log'),
    })
    expect(await restore.exited).toBe(0)
  })

  async function startThroughTurbo(framework: Framework, label: string) {
    const logFile = test.info().outputPath(`turbo-start-${label}.log`)
    await portFree(framework)
    run = runTurbo(['start', `--filter=@repo/app-${framework}`], {
      env: { ...env(), PORT: String(DEV_PORTS[framework]) },
      drop: APP_VARIABLES,
      logFile,
    })
    await waitForApps(run, [`${devUrl(framework)}/sign-in`], logFile)
  }

  // Each app's own way to production, for the apps this checkout has.
  const has = (framework: Framework) => FRAMEWORKS.includes(framework)

  if (has('next'))
    test('next: the build inlines the second instance, and next start serves it', async ({
      page,
      stack,
    }) => {
      const logFile = test.info().outputPath('turbo-build-a.log')
      // The production build, as a deploy runs it. The second instance stands in for the user's
      // own, but it runs on this machine: the build refuses a local address unless told by name.
      const build = runTurbo(['build', '--filter=@repo/app-next'], {
        env: { ...env(), ALLOW_LOCALHOST_BUILD: '1' },
        drop: APP_VARIABLES,
        logFile,
      })
      expect(await build.exited, `turbo build failed; see ${logFile}`).toBe(0)
      await startThroughTurbo('next', 'next')
      await addAndLocate(page, devUrl('next'), CAROL, stack)
      expect(unhandledAtSecondClerk()).toEqual([])
    })

  if (has('remix'))
    test('remix: remix-serve reads the process env at start', async ({ page, stack }) => {
      await startThroughTurbo('remix', 'remix')
      await addAndLocate(page, devUrl('remix'), CAROL, stack)
      expect(unhandledAtSecondClerk()).toEqual([])
    })

  if (has('react-router'))
    test('react-router: react-router-serve reads the process env at start', async ({
      page,
      stack,
    }) => {
      await startThroughTurbo('react-router', 'react-router')
      await addAndLocate(page, devUrl('react-router'), CAROL, stack)
      expect(unhandledAtSecondClerk()).toEqual([])
    })
})

// The Next app's build, where this checkout has one.
if (FRAMEWORKS.includes('next'))
  test('a changed NEXT_PUBLIC_ value or env file changes the Next build’s cache key, and the local build’s also the local keys', async () => {
    const build = '@repo/app-next#build'
    const local = '@repo/app-next#build:local'
    const base = await taskHash(build, {}, APP_VARIABLES)
    const localBase = await taskHash(local, {}, APP_VARIABLES)
    // Never one cache entry for both: a local build replayed as a deploy's would ship localhost.
    expect(localBase).not.toBe(base)
    for (const task of [build, local]) {
      const before = task === build ? base : localBase
      expect(
        await taskHash(task, { NEXT_PUBLIC_SUPABASE_URL: 'https://x.supabase.co' }, APP_VARIABLES),
        task,
      ).not.toBe(before)
    }
    expect(await taskHash(build, { ALLOW_LOCALHOST_BUILD: '1' }, APP_VARIABLES)).not.toBe(base)
    // With no env set, the local build inlines this checkout's local publishable key (random, in
    // .local/); the production build never reads it.
    const otherKey = { LOCAL_SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_other' }
    expect(await taskHash(local, otherKey, APP_VARIABLES)).not.toBe(localBase)
    expect(await taskHash(build, otherKey, APP_VARIABLES)).toBe(base)
    const secrets = await readFile(localSecretsFile)
    try {
      await writeFile(localSecretsFile, `${secrets.toString('utf8').trimEnd()} \n`)
      expect(await taskHash(local, {}, APP_VARIABLES), 'supabase-secrets.json').not.toBe(localBase)
    } finally {
      await writeFile(localSecretsFile, secrets)
    }
    for (const name of ['.env', '.env.local', '.env.production', '.env.production.local']) {
      const file = path.join(appDir('next'), name)
      await writeFile(file, 'NEXT_PUBLIC_SUPABASE_URL=https://x.supabase.co\n', { flag: 'wx' })
      try {
        expect(await taskHash(build, {}, APP_VARIABLES), name).not.toBe(base)
        expect(await taskHash(local, {}, APP_VARIABLES), name).not.toBe(localBase)
      } finally {
        await rm(file, { force: true })
      }
    }
    expect(await taskHash(build, {}, APP_VARIABLES)).toBe(base)
    expect(await taskHash(local, {}, APP_VARIABLES)).toBe(localBase)
  })

test('the Supabase CLI’s cache (supabase/.temp) does not change the test tasks’ cache keys', async () => {
  const task = '@repo/db#test'
  const base = await taskHash(task, {}, APP_VARIABLES)
  const file = path.join(repoRoot, 'supabase', '.temp', 'e2e-probe')
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, `${Date.now()}\n`)
  try {
    expect(await taskHash(task, {}, APP_VARIABLES)).toBe(base)
  } finally {
    await rm(file, { force: true })
  }
})
