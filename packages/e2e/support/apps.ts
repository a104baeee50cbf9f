// Both apps, in one of the two ways users run them:
// - built: the production builds turbo made, through each app's own `start` script (`next start`,
//   `remix-serve`) on free ports, with the env a deployment would set;
// - dev: each app's own `dev` script (with-local-env + `next dev` / `remix vite:dev`), started as
//   `pnpm dev` starts it, on the ports it names, resolving its env as it does for a user.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { WEBHOOK_PATH } from '@repo/clerk-emulator'
import { signInOverHttp } from '@repo/clerk-emulator/testing'
import {
  appDir,
  documentHeaders,
  type RunningApp,
  repoRoot,
  startBuiltApp,
  startScriptServer,
} from '@repo/dev-stack/testing'
import { type AppName, localStack, seededUsers } from '@repo/local-stack'
import { findFreePort } from '@repo/local-supabase/testing'
import type { StackInfo } from './stack.ts'

export type Mode = 'built' | 'dev'
/** An app under test: the same names as @repo/local-stack's. */
export type Framework = AppName
export const FRAMEWORKS: Framework[] = ['next', 'remix', 'react-router']
export { appDir, repoRoot }

/** The ports the apps' `dev` scripts serve on (@repo/local-stack; LOCAL_NEXT_PORT, ...). */
export const DEV_PORTS = Object.fromEntries(
  FRAMEWORKS.map((framework) => [framework, localStack().apps[framework].port]),
) as Record<Framework, number>

export interface RunningApps {
  urls: Record<Framework, string>
  stop(): Promise<void>
}

/**
 * A dev server compiles each route on its first request. Ask for the signed-in pages once over
 * HTTP, so the first scenario measures the app rather than the compiler.
 */
async function warmUp(app: RunningApp, stack: StackInfo): Promise<void> {
  const { alice } = seededUsers()
  const session = await signInOverHttp(stack.emulatorUrl, alice.email, alice.password, app.url)
  for (const route of ['/', '/ssr']) {
    await fetch(`${app.url}${route}`, { headers: documentHeaders(await session.appCookieHeader()) })
  }
}

/** Where the Clerk emulator delivers webhooks: every app of this run, as a deployment's are. */
async function setWebhookEndpoints(stack: StackInfo, urls: string[]): Promise<void> {
  const query = new URLSearchParams(urls.map((url) => ['url', url]))
  const response = await fetch(`${stack.controlUrl}/clerk/webhook-endpoints?${query}`)
  if (!response.ok)
    throw new Error(`Setting the webhook endpoints failed: ${await response.text()}`)
}

/**
 * A free port for a built app. The shared Clerk emulator allows only the local apps' origins, as
 * Clerk allows only an instance's own: tell it this one (support/stack.ts runs it).
 */
async function allowedFreePort(stack: StackInfo): Promise<number> {
  const port = await findFreePort()
  const origin = `http://localhost:${port}`
  const response = await fetch(
    `${stack.controlUrl}/clerk/allow-origin?origin=${encodeURIComponent(origin)}`,
  )
  if (!response.ok) {
    throw new Error(`The Clerk emulator did not allow ${origin}: ${await response.text()}`)
  }
  return port
}

/**
 * A dev server that finds a dependency late re-optimizes and reloads the page under the user
 * (Vite: "optimized dependencies changed. reloading"). The log tells; a fresh clone shows it.
 */
function assertNoDevReloads(logFiles: string[]): void {
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
  stack: StackInfo,
  logDir: string,
): Promise<RunningApps> {
  const running: RunningApp[] = []
  const logFiles: string[] = []
  const stop = async () => {
    await setWebhookEndpoints(stack, [])
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
              clerkEnv: stack.clerkEnv,
              supabaseUrl: stack.supabaseUrl,
              supabaseKey: stack.anonKey,
              serviceRoleKey: stack.serviceRoleKey,
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
      if (mode === 'dev') await warmUp(app, stack)
    }
  } catch (error) {
    await stop()
    throw error
  }
  const urls = Object.fromEntries(
    FRAMEWORKS.map((framework, index) => [framework, running[index]?.url ?? '']),
  ) as Record<Framework, string>
  await setWebhookEndpoints(
    stack,
    Object.values(urls).map((url) => `${url}${WEBHOOK_PATH}`),
  )
  return { urls, stop }
}
