import path from 'node:path'
import { type Browser, test as base, expect, type Page } from '@playwright/test'
import { seededUsers } from '@repo/local-stack'
import { createClient } from '@supabase/supabase-js'
import { FRAMEWORKS, type Framework, type Mode, type RunningApps, startApps } from './apps.ts'
import { isAllowed } from './browser-messages.ts'
import { stackInfo } from './env.ts'
import type { StackInfo } from './stack.ts'

export type { Framework, Mode }

/** The emulator's seeded users (packages/local-stack/users.json), as every suite reads them. */
export const USERS = seededUsers()

/** Requests the Clerk emulator could not handle since the last call (see support/stack.ts). */
export async function unhandledClerkRequests(stack: StackInfo): Promise<string[]> {
  return (await (await fetch(`${stack.controlUrl}/clerk/unhandled`)).json()) as string[]
}

export interface TestFixtures {
  framework: Framework
  /** This scenario's app, e.g. http://localhost:43121 */
  appUrl: string
  /** The other frameworks' apps in the same mode, for cross-framework checks. */
  otherApps: { framework: Framework; url: string }[]
}

export interface WorkerFixtures {
  mode: Mode
  stack: StackInfo
  /** Both apps, started once per project (mode) and stopped with its worker. */
  apps: RunningApps
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  mode: ['built', { option: true, scope: 'worker' }],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  stack: [async ({}, use) => use(stackInfo()), { scope: 'worker' }],
  apps: [
    async ({ mode, stack, browser }, use, workerInfo) => {
      const apps = await startApps(
        mode,
        stack,
        path.join(workerInfo.project.outputDir, 'server-logs'),
      )
      try {
        if (mode === 'dev') await warmUpInBrowser(browser, apps)
        await use(apps)
      } finally {
        await apps.stop()
      }
    },
    { scope: 'worker', timeout: 600_000 },
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
  // Every scenario fails on an uncaught page error, a console.error, or a request the Clerk
  // emulator could not handle, unless support/browser-messages.ts lists it.
  page: async ({ page, stack }, use, testInfo) => {
    const messages: { text: string; url: string }[] = []
    page.on('pageerror', (error) =>
      messages.push({ text: `page error: ${error.message}`, url: page.url() }),
    )
    page.on('console', (message) => {
      // For "Failed to load resource" the location is the resource, which the text leaves out.
      if (message.type() === 'error')
        messages.push({ text: `console.error: ${message.text()}`, url: message.location().url })
    })
    await unhandledClerkRequests(stack)
    await use(page)
    const unexpected = messages
      .filter((message) => !isAllowed(message.text, testInfo.title))
      .map(({ text, url }) => `${text} (at ${url})`)
    expect(unexpected, 'browser errors during the scenario').toEqual([])
    expect(
      await unhandledClerkRequests(stack),
      'requests the Clerk emulator could not handle',
    ).toEqual([])
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

/**
 * A dev server builds the browser's modules on their first request, and the first scenario to
 * open an app would pay for it (with everything else running on two cores, past its timeouts).
 * So each dev app's pages are opened once, signed in, before the scenarios: the page, its client
 * modules, clerk-js and Clerk's <UserButton/>. Nothing here is asserted beyond "it loaded".
 */
async function warmUpInBrowser(browser: Browser, apps: RunningApps): Promise<void> {
  for (const url of Object.values(apps.urls)) {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      page.setDefaultTimeout(180_000)
      await page.goto(`${url}/ssr`)
      await page.locator('input[name=identifier]').fill(USERS.alice.email)
      await page.locator('input[name=password]').fill(USERS.alice.password)
      await page.locator('.cl-formButtonPrimary').click()
      await page.locator('.cl-userButtonTrigger').waitFor()
      await page.goto(`${url}/`)
      await page.getByRole('heading', { name: 'Tasks' }).waitFor()
      await page.locator('.cl-userButtonTrigger').waitFor()
    } finally {
      await context.close()
    }
  }
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

/** A message in the page body (Next also has a route announcer with role=alert). */
export const mainAlert = (page: Page) => page.locator('main').getByRole('alert')

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
  await fetch(`${stack.controlUrl}/data-api/${action}`)
}
