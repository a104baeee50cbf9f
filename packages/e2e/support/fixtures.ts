import { type BrowserContext, test as base, expect, type Page } from '@playwright/test'
import { seededUsers } from '@repo/local-stack'
import { createClient } from '@supabase/supabase-js'
import { type AppsInfo, assertNoDevReloads, FRAMEWORKS, type Framework, type Mode } from './apps.ts'
import { type AllowedPhase, isAllowed } from './browser-messages.ts'
import { stackInfo } from './env.ts'
import type { StackInfo } from './stack.ts'
import { type Cast, createCast } from './users.ts'

export type { Cast, Person } from './users.ts'
export type { Framework, Mode }

/**
 * The emulator's seeded users (packages/local-stack/users.json), as `pnpm dev` signs them in. The
 * scenarios of the built and dev projects use their worker's own cast instead (`cast`).
 */
export const USERS = seededUsers()

export interface TestFixtures {
  framework: Framework
  /** This scenario's app, e.g. http://localhost:43121 */
  appUrl: string
  /** The other frameworks' apps in the same mode, for cross-framework checks. */
  otherApps: { framework: Framework; url: string }[]
  /** A signed-out page in a browser context of its own, watched like `page`. */
  newPage: () => Promise<Page>
  /** Runs `phase` with its browser messages allowed (support/browser-messages.ts). */
  allowDuring: <T>(phase: AllowedPhase, run: () => Promise<T>) => Promise<T>
  browserErrors: { watch(context: BrowserContext): void; open: AllowedPhase[] }
  emulatorWatch: undefined
}

export interface WorkerFixtures {
  mode: Mode
  stack: StackInfo
  /** This mode's apps, started once for every worker by the control server (support/control.ts). */
  apps: AppsInfo
  /** This worker's own people and organizations (support/users.ts). */
  cast: Cast
}

async function control<T>(stack: StackInfo, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${stack.controlUrl}${path}`)
  return { status: response.status, body: (await response.json()) as T }
}

/** This mode's apps, once the control server has them serving (a dev start takes minutes). */
async function modeApps(stack: StackInfo, mode: Mode): Promise<AppsInfo> {
  for (;;) {
    const { status, body } = await control<AppsInfo & { error?: string }>(stack, `/apps/${mode}`)
    if (status === 200) return body
    if (status !== 202) throw new Error(`Starting the ${mode} apps failed: ${body.error}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  mode: ['built', { option: true, scope: 'worker' }],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  stack: [async ({}, use) => use(stackInfo()), { scope: 'worker' }],
  apps: [
    async ({ mode, stack }, use) => use(await modeApps(stack, mode)),
    { scope: 'worker', timeout: 600_000 },
  ],
  cast: [
    async ({ stack }, use, workerInfo) => {
      const tag = `w${workerInfo.workerIndex}-${Date.now().toString(36)}`
      await use(await createCast(stack, tag))
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  framework: ['next', { option: true }],
  appUrl: async ({ framework, apps }, use) => use(apps.urls[framework]),
  otherApps: async ({ framework, apps }, use) =>
    use(
      FRAMEWORKS.filter((other) => other !== framework).map((other) => ({
        framework: other,
        url: apps.urls[other],
      })),
    ),
  // Every scenario fails on a request the Clerk emulator could not handle while it ran (with
  // several workers, a neighbour's counts too: it fails either way). Whatever no scenario saw
  // fails the run at teardown (support/control.ts).
  emulatorWatch: [
    async ({ stack }, use) => {
      const { cursor } = (await control<{ cursor: number }>(stack, '/clerk/unhandled/cursor')).body
      await use(undefined)
      const { body } = await control<string[]>(stack, `/clerk/unhandled?from=${cursor}`)
      expect(body, 'requests the Clerk emulator could not handle').toEqual([])
    },
    { auto: true },
  ],
  // Every browser context a scenario opens fails it on an uncaught page error or a
  // console.error, unless support/browser-messages.ts allows it in the phase it came in.
  browserErrors: async ({ mode, stack }, use) => {
    const open: AllowedPhase[] = []
    const messages: string[] = []
    const watch = (context: BrowserContext) => {
      context.on('weberror', (error) =>
        messages.push(`page error: ${error.error().message} (at ${error.page()?.url()})`),
      )
      context.on('console', (message) => {
        if (message.type() !== 'error') return
        // For "Failed to load resource" the location is the resource, which the text leaves out.
        const text = `console.error: ${message.text()}`
        const { url } = message.location()
        if (!isAllowed(text, url, open)) messages.push(`${text} (at ${url})`)
      })
    }
    await use({ watch, open })
    expect(messages, 'browser errors during the scenario').toEqual([])
    if (mode === 'dev') assertNoDevReloads((await modeApps(stack, 'dev')).logFiles)
  },
  page: async ({ page, browserErrors }, use) => {
    browserErrors.watch(page.context())
    await use(page)
  },
  newPage: async ({ browser, browserErrors }, use) => {
    const contexts: BrowserContext[] = []
    await use(async () => {
      const context = await browser.newContext()
      contexts.push(context)
      browserErrors.watch(context)
      return await context.newPage()
    })
    await Promise.all(contexts.map((context) => context.close()))
  },
  allowDuring: async ({ browserErrors }, use) => {
    await use(async (phase, run) => {
      browserErrors.open.push(phase)
      try {
        return await run()
      } finally {
        browserErrors.open.splice(browserErrors.open.indexOf(phase), 1)
      }
    })
  },
})

export { expect }

/** A task name no other scenario uses. */
export const unique = (label: string) =>
  `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

/** Signs in through Clerk's prebuilt <SignIn/> and waits to land back in the app. */
export async function signIn(
  page: Page,
  appUrl: string,
  user: { email: string; password: string },
  path = '/',
) {
  await page.goto(`${appUrl}${path}`)
  await expect(page).toHaveURL(/\/sign-in/)
  await page.locator('input[name=identifier]').fill(user.email)
  await page.locator('input[name=password]').fill(user.password)
  await page.locator('.cl-formButtonPrimary').click()
  await expect(page).toHaveURL(new RegExp(`^${appUrl}${path === '/' ? '/?$' : path}`))
  await expect(page.getByRole('heading', { name: 'Tasks' })).toBeVisible()
}

/** Signs out through the <UserButton/> menu. */
export async function signOut(page: Page) {
  await page.locator('.cl-userButtonTrigger').click()
  // clerk-js 6 renders the entry as a button, clerk-js 5 as a menu item.
  const signOutButton = page.getByRole('button', { name: 'Sign out' })
  await signOutButton.or(page.getByRole('menuitem', { name: 'Sign out' })).click()
  await expect(page.locator('.cl-userButtonTrigger')).toHaveCount(0)
  // Done when the app has sent the user to sign in, as a user sees it. Clerk is still rewriting
  // its cookies until then, and a page opened in between starts a handshake mid-sign-out.
  await expect(page).toHaveURL(/\/sign-in/)
}

/** The task list on the page, as a user reads it. */
export const taskNames = (page: Page) => page.locator('main .task-list .name')

/**
 * The task is on the list and saved: the client page shows a new task at once and offers its
 * tick and delete only once the database has it. Leaving the page before that drops the insert
 * the browser still has in flight, as it would for a user.
 */
export async function expectSaved(page: Page, name: string) {
  const row = page.locator('main .task-list li', { hasText: name })
  await expect(row).toBeVisible()
  await expect(row.getByLabel('Done')).toBeEnabled()
}

/** A message in the page body (Next also has a route announcer with role=alert). */
export const mainAlert = (page: Page) => page.locator('main').getByRole('alert')

/**
 * Waits until the page shows the user's tasks as loaded: the list, "No tasks yet", or an error,
 * and no "Loading tasks…". The client page shows its heading at once and fetches afterwards, so
 * a check that something is absent means nothing before this.
 */
export async function tasksLoaded(page: Page) {
  await expect(page.getByText('Loading tasks…')).toHaveCount(0)
  await expect(
    page.locator('main .task-list').or(page.getByText('No tasks yet')).or(mainAlert(page)).first(),
  ).toBeVisible()
}

/** How many tasks with this name exist for anyone (the service key bypasses RLS). */
export async function storedCount(
  stack: Pick<StackInfo, 'supabaseUrl' | 'serviceRoleKey'>,
  name: string,
): Promise<number> {
  const service = createClient(stack.supabaseUrl, stack.serviceRoleKey)
  const { count, error } = await service
    .from('tasks')
    .select('*', { count: 'exact', head: true })
    .eq('name', name)
  if (error) throw new Error(`counting tasks failed: ${error.message}`)
  return count ?? 0
}

/** The profiles mirror's row for this email (the service key bypasses RLS), or null. */
export async function storedProfile(
  stack: Pick<StackInfo, 'supabaseUrl' | 'serviceRoleKey'>,
  email: string,
): Promise<{ email: string | null; display_name: string } | null> {
  const service = createClient(stack.supabaseUrl, stack.serviceRoleKey)
  const { data, error } = await service
    .from('profiles')
    .select('email, display_name')
    .eq('email', email)
    .maybeSingle()
  if (error) throw new Error(`reading the profile failed: ${error.message}`)
  return data
}

export async function dataApi(stack: StackInfo, action: 'stop' | 'start') {
  const response = await fetch(`${stack.controlUrl}/data-api/${action}`)
  if (!response.ok) throw new Error(`${action} the data API failed: ${await response.text()}`)
}
