// Part 5, each framework's client page: `/`, where the browser fetches the tasks itself with the
// Clerk session token. In Chromium, from navigation start to the user's first task in the page,
// in a fresh browser context each run (a returning user, signed in but with an expired session
// token, and a cold cache); and the JavaScript the page loads, gzipped, the app's own apart from
// clerk-js's.
import { gzipSync } from 'node:zlib'
import { CHROMIUM_ARGS, systemChromium } from '@repo/clerk-emulator/testing'
import type { AppName } from '@repo/local-stack'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import type { BenchUser } from '../bench-user.ts'
import type { Progress } from '../progress.ts'
import { median } from '../stats.ts'

export interface ClientSizes {
  runs: number
}

export const FULL_CLIENT_SIZES: ClientSizes = { runs: 10 }

export interface ClientApp {
  timeToFirstTaskMs: number[]
  medianMs: number
  /** Gzipped bytes of every script the page loaded, and of the app's own (not clerk-js's). */
  scriptBytesGzip: number
  appScriptBytesGzip: number
}

export interface ClientResult {
  sizes: ClientSizes
  tasks: number
  apps: Record<AppName, ClientApp>
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>

/** Fails the part on anything the browser reports as an error: a user would see a broken page. */
function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`)
  })
}

async function signIn(browser: Browser, appUrl: string, user: BenchUser): Promise<StorageState> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const errors: string[] = []
    watchErrors(page, errors)
    await page.goto(`${appUrl}/`)
    await page.waitForURL(/\/sign-in/)
    await page.locator('input[name=identifier]').fill(user.email)
    await page.locator('input[name=password]').fill(user.password)
    await page.locator('.cl-formButtonPrimary').click()
    await page
      .getByText(user.taskNames[0] ?? '', { exact: true })
      .first()
      .waitFor()
    if (errors.length > 0) throw new Error(`${appUrl} while signing in:\n${errors.join('\n')}`)
    return await context.storageState()
  } finally {
    await context.close()
  }
}

/**
 * Records when the first task's name enters the page, on the page's own clock. A string, not a
 * function: tsx would wrap a function's body in helpers that the page does not have.
 */
const recordFirstTask = (name: string) => `
  new MutationObserver(() => {
    if (window.firstTaskAt === undefined && document.body?.textContent?.includes(${JSON.stringify(name)})) {
      window.firstTaskAt = performance.now()
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })`

async function timeOnce(
  browser: Browser,
  appUrl: string,
  state: StorageState,
  user: BenchUser,
  countBytes: boolean,
): Promise<{ ms: number; bytes: number; appBytes: number }> {
  // Without the session token: it lives 60 s, so a returning user's has expired, and every run
  // takes that same path (the app's handshake with Clerk, then the page), whatever its timing.
  const context = await browser.newContext({
    storageState: {
      ...state,
      cookies: state.cookies.filter((cookie) => !cookie.name.startsWith('__session')),
    },
  })
  try {
    const page = await context.newPage()
    const errors: string[] = []
    watchErrors(page, errors)
    const first = user.taskNames[0] ?? ''
    await page.addInitScript(recordFirstTask(first))
    const sizes: Promise<{ bytes: number; own: boolean }>[] = []
    if (countBytes) {
      page.on('response', (response) => {
        if (response.request().resourceType() !== 'script') return
        const own = new URL(response.url()).origin === new URL(appUrl).origin
        sizes.push(
          response
            .body()
            .then((body) => ({ bytes: gzipSync(body).length, own }))
            .catch(() => ({ bytes: 0, own })),
        )
      })
    }
    await page.goto(`${appUrl}/`)
    await page.getByText(first, { exact: true }).first().waitFor()
    const ms = Number(await page.evaluate('window.firstTaskAt ?? Number.NaN'))
    if (!Number.isFinite(ms)) throw new Error(`${appUrl}/: the first task's time was not recorded`)
    await page.waitForLoadState('networkidle')
    const counted = await Promise.all(sizes)
    if (errors.length > 0) throw new Error(`${appUrl}/:\n${errors.join('\n')}`)
    return {
      ms,
      bytes: counted.reduce((sum, entry) => sum + entry.bytes, 0),
      appBytes: counted.reduce((sum, entry) => sum + (entry.own ? entry.bytes : 0), 0),
    }
  } finally {
    await context.close()
  }
}

export async function measureClient(
  target: { apps: Record<AppName, string>; user: BenchUser },
  sizes: ClientSizes,
  progress: Progress,
): Promise<ClientResult> {
  const executablePath = systemChromium()
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
  try {
    const apps = Object.keys(target.apps) as AppName[]
    const states = new Map<AppName, StorageState>()
    for (const app of apps) {
      progress(`${app}: signing in in Chromium`)
      states.set(app, await signIn(browser, target.apps[app], target.user))
    }
    const samples = new Map<AppName, { ms: number[]; bytes: number; appBytes: number }>(
      apps.map((app) => [app, { ms: [], bytes: 0, appBytes: 0 }]),
    )
    // The apps take turns within each round.
    for (let run = 0; run < sizes.runs; run++) {
      progress(`client pages, round ${run + 1} of ${sizes.runs}`)
      for (const app of apps) {
        const state = states.get(app) as StorageState
        const sample = samples.get(app) as { ms: number[]; bytes: number; appBytes: number }
        const measured = await timeOnce(browser, target.apps[app], state, target.user, run === 0)
        sample.ms.push(measured.ms)
        if (run === 0) {
          sample.bytes = measured.bytes
          sample.appBytes = measured.appBytes
        }
      }
    }
    return {
      sizes,
      tasks: target.user.taskNames.length,
      apps: Object.fromEntries(
        apps.map((app) => {
          const sample = samples.get(app) as { ms: number[]; bytes: number; appBytes: number }
          return [
            app,
            {
              timeToFirstTaskMs: sample.ms,
              medianMs: median(sample.ms),
              scriptBytesGzip: sample.bytes,
              appScriptBytesGzip: sample.appBytes,
            },
          ]
        }),
      ) as Record<AppName, ClientApp>,
    }
  } finally {
    await browser.close()
  }
}
