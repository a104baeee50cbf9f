// Part 4, each framework's server-rendered page: `/ssr` of every production build for a
// signed-in user with 100 tasks, under autocannon at each concurrency, beside the bare data API
// request that page makes (the baseline: what a page cannot do without). Also how many requests
// each render sends to Clerk, read from the emulator's log; the goal is none, because a session
// token is verified with the instance's public key.
import { documentHeaders } from '@repo/dev-stack/testing'
import type { AppName } from '@repo/local-stack'
import type { BenchUser } from '../bench-user.ts'
import { type LoadResult, runLoad } from '../load.ts'
import type { Progress } from '../progress.ts'
import { ratio } from '../stats.ts'
import { capturePageRequest } from './page-request.ts'

export interface SsrSizes {
  concurrency: number[]
  durationSeconds: number
}

export const FULL_SSR_SIZES: SsrSizes = { concurrency: [1, 10, 50], durationSeconds: 5 }

export interface SsrRun extends LoadResult {
  /** p50 ÷ the baseline's p50 at the same concurrency. */
  p50Ratio: number
  clerkRequests: number
  clerkRequestsPerRender: number
}

export interface SsrResult {
  sizes: SsrSizes
  tasks: number
  baseline: LoadResult[]
  apps: Record<AppName, SsrRun[]>
}

export interface SsrTarget {
  emulatorUrl: string
  supabaseUrl: string
  anonKey: string
  apps: Record<AppName, string>
  user: BenchUser
}

/** Requests the emulator has had from SDKs and browsers, its own test endpoints left out. */
async function clerkRequestCount(emulatorUrl: string): Promise<number> {
  const response = await fetch(`${emulatorUrl}/__emulator/request-count`)
  if (!response.ok) throw new Error(`the Clerk emulator's request count: ${response.status}`)
  return ((await response.json()) as { count: number }).count
}

function assertClean(what: string, load: LoadResult): void {
  if (load.non2xx > 0 || load.errors > 0 || load.requests === 0) {
    throw new Error(
      `${what}: ${load.requests} requests, ${load.non2xx} not 2xx, ${load.errors} errors`,
    )
  }
}

export async function measureSsr(
  target: SsrTarget,
  sizes: SsrSizes,
  progress: Progress,
): Promise<SsrResult> {
  const { user } = target
  const apps = Object.keys(target.apps) as AppName[]
  // Each page must render the user's tasks, not a sign-in redirect, before it is timed.
  const first = user.taskNames[0] ?? ''
  const last = user.taskNames.at(-1) ?? ''
  for (const app of apps) {
    const response = await fetch(`${target.apps[app]}/ssr`, {
      headers: documentHeaders(await user.session.appCookieHeader()),
      redirect: 'manual',
    })
    const html = await response.text()
    if (response.status !== 200 || !html.includes(first) || !html.includes(last)) {
      throw new Error(
        `${app} /ssr did not render the bench user's ${user.taskNames.length} tasks (status ${response.status})`,
      )
    }
  }

  const baseline: LoadResult[] = []
  const runs = Object.fromEntries(apps.map((app) => [app, [] as SsrRun[]])) as Record<
    AppName,
    SsrRun[]
  >
  // Each concurrency in turn for the baseline and every app, so all see similar moments.
  for (const connections of sizes.concurrency) {
    progress(`baseline (the page's data API request), concurrency ${connections}`)
    // Session tokens live 60 s: a fresh one per run.
    const request = await capturePageRequest({
      supabaseUrl: target.supabaseUrl,
      supabaseKey: target.anonKey,
      token: await user.session.getToken(),
    })
    const bare = await runLoad({ ...request, connections, durationSeconds: sizes.durationSeconds })
    assertClean(`the baseline at concurrency ${connections}`, bare)
    baseline.push(bare)
    for (const app of apps) {
      progress(`${app} /ssr, concurrency ${connections}`)
      const headers = documentHeaders(await user.session.appCookieHeader())
      const before = await clerkRequestCount(target.emulatorUrl)
      const load = await runLoad({
        url: `${target.apps[app]}/ssr`,
        headers,
        connections,
        durationSeconds: sizes.durationSeconds,
      })
      const clerkRequests = (await clerkRequestCount(target.emulatorUrl)) - before
      assertClean(`${app} /ssr at concurrency ${connections}`, load)
      runs[app].push({
        ...load,
        p50Ratio: ratio(load.p50Ms, bare.p50Ms),
        clerkRequests,
        clerkRequestsPerRender: clerkRequests / load.requests,
      })
    }
  }
  return { sizes, tasks: user.taskNames.length, baseline, apps: runs }
}
