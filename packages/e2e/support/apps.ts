// Every app, in one of the two ways users run them, started once per mode for the whole run by
// the global-setup process (support/control.ts starts a mode when its first worker asks):
// - built: the production builds turbo made, through each app's own `start` script (`next start`,
//   `remix-serve`, `react-router-serve`) on free ports, with the env a deployment would set;
// - dev: each app's own `dev` script (with-local-env + `next dev` / `vite`), started as
//   `pnpm dev` starts it, on the ports it names, resolving its env as it does for a user.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, signInOverHttp, systemChromium } from '@repo/clerk-emulator/testing'
import {
  appDir,
  documentHeaders,
  type RunningApp,
  repoRoot,
  startBuiltApp,
  startScriptServer,
} from '@repo/dev-stack/testing'
import { type AppName, localStack, presentApps, seededUsers } from '@repo/local-stack'
import { findFreePort } from '@repo/local-supabase/testing'
import { isAllowed } from './browser-messages.ts'
import type { Stack, StackInfo } from './stack.ts'

export type Mode = 'built' | 'dev'
export const MODES: Mode[] = ['built', 'dev']
/** An app under test: the same names as @repo/local-stack's registry. */
export type Framework = AppName
/** The apps this checkout has: each gets its scenarios (a deleted app's folder drops them). */
export const FRAMEWORKS: Framework[] = presentApps()
export { appDir, repoRoot }

/** The ports the apps' `dev` scripts serve on (@repo/local-stack; LOCAL_NEXT_PORT, ...). */
export const DEV_PORTS = Object.fromEntries(
  FRAMEWORKS.map((framework) => [framework, localStack().apps[framework].port]),
) as Record<Framework, number>

/** One mode's apps as the workers see them. */
export interface AppsInfo {
  urls: Record<Framework, string>
  /** The servers' output; a dev server's tells when it reloaded the page under the user. */
  logFiles: string[]
}

export interface RunningApps extends AppsInfo {
  stop(): Promise<void>
}

/**
 * A dev server compiles each route on its first request. Ask for the signed-in pages once over
 * HTTP, so the first scenario measures the app rather than the compiler.
 */
async function warmUp(app: RunningApp, info: StackInfo): Promise<void> {
  const { alice } = seededUsers()
  const session = await signInOverHttp(info.emulatorUrl, alice.email, alice.password, app.url)
  for (const route of ['/', '/ssr']) {
    await fetch(`${app.url}${route}`, { headers: documentHeaders(await session.appCookieHeader()) })
  }
}

/**
 * A dev server builds the browser's modules on their first request, and the first scenario to
 * open an app would pay for it (with everything else running on two cores, past its timeouts).
 * So each dev app's pages are opened once, signed in, before the scenarios: the page, its client
 * modules, clerk-js and Clerk's <UserButton/>. Nothing is asserted beyond "it loaded" and "the
 * browser reported no error", which fails the run like a scenario's would.
 */
async function warmUpInBrowser(urls: string[]): Promise<void> {
  const { alice } = seededUsers()
  const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS })
  const errors: string[] = []
  try {
    for (const url of urls) {
      const context = await browser.newContext()
      const page = await context.newPage()
      page.on('pageerror', (error) => errors.push(`page error: ${error.message} (at ${url})`))
      page.on('console', (message) => {
        const text = `console.error: ${message.text()}`
        if (message.type() === 'error' && !isAllowed(text, message.location().url, []))
          errors.push(`${text} (at ${message.location().url})`)
      })
      page.setDefaultTimeout(180_000)
      await page.goto(`${url}/ssr`)
      await page.locator('input[name=identifier]').fill(alice.email)
      await page.locator('input[name=password]').fill(alice.password)
      await page.locator('.cl-formButtonPrimary').click()
      await page.locator('.cl-userButtonTrigger').waitFor()
      await page.goto(`${url}/`)
      await page.getByRole('heading', { name: 'Tasks' }).waitFor()
      await page.locator('.cl-userButtonTrigger').waitFor()
      await context.close()
    }
  } finally {
    await browser.close()
  }
  if (errors.length > 0) {
    throw new Error(
      `The browser reported errors while warming up the dev apps:\n${errors.join('\n')}`,
    )
  }
}

/**
 * A free port for a built app. The shared Clerk emulator allows only the local apps' origins, as
 * Clerk allows only an instance's own: tell it this one.
 */
async function allowedFreePort(stack: Stack): Promise<number> {
  const port = await findFreePort()
  stack.clerk.emulator.allowOrigin(`http://localhost:${port}`)
  return port
}

/**
 * A dev server that finds a dependency late re-optimizes and reloads the page under the user
 * (Vite: "optimized dependencies changed. reloading"). The log tells; a fresh clone shows it.
 */
export function assertNoDevReloads(logFiles: string[]): void {
  for (const file of logFiles) {
    const reloads = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes('optimized dependencies changed. reloading'))
    if (reloads.length > 0) {
      throw new Error(
        `The dev server reloaded the page to re-optimize dependencies (${file}):\n${reloads.join('\n')}`,
      )
    }
  }
}

export async function startApps(
  mode: Mode,
  stack: Stack,
  info: StackInfo,
  logDir: string,
): Promise<RunningApps> {
  const running: RunningApp[] = []
  const logFiles: string[] = []
  const stop = async () => {
    await Promise.all(running.map((app) => app.stop()))
    if (mode === 'dev') assertNoDevReloads(logFiles)
  }
  try {
    for (const framework of FRAMEWORKS) {
      const logFile = path.join(logDir, `${framework}-${mode}.log`)
      logFiles.push(logFile)
      const app =
        mode === 'built'
          ? await startBuiltApp(framework, {
              appDir: appDir(framework),
              clerkEnv: info.clerkEnv,
              supabaseUrl: info.supabaseUrl,
              supabaseKey: info.anonKey,
              serviceRoleKey: info.serviceRoleKey,
              port: await allowedFreePort(stack),
              logFile,
            })
          : await startScriptServer('dev', {
              cwd: appDir(framework),
              port: DEV_PORTS[framework],
              // Nothing app-specific: with-local-env resolves it as for a user.
              env: {},
              logFile,
              timeoutMs: 180_000,
            })
      running.push(app)
      if (mode === 'dev') await warmUp(app, info)
    }
    if (mode === 'dev') await warmUpInBrowser(running.map((app) => app.url))
  } catch (error) {
    await stop()
    throw error
  }
  const urls = Object.fromEntries(
    FRAMEWORKS.map((framework, index) => [framework, running[index]?.url ?? '']),
  ) as Record<Framework, string>
  return { urls, logFiles, stop }
}
