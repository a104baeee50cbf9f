// Scenario 13: `pnpm bench`'s framework parts on tiny sizes, against the production builds this
// suite already runs, so the benchmark cannot rot between the runs that publish its figures.
// It asserts what the parts report, never how fast: each page renders the user's tasks under
// load, a render sends Clerk nothing, and each client page shows the first task.
import { createBenchUser, measureClient, measureSsr, silentProgress } from '@repo/bench'
import { FRAMEWORKS } from '../support/apps.ts'
import { expect, test } from '../support/fixtures.ts'

test('pnpm bench ssr and client parts run on tiny sizes against every production build', async ({
  apps,
  stack,
}) => {
  test.setTimeout(300_000)
  const user = await createBenchUser({
    emulatorUrl: stack.emulatorUrl,
    supabaseUrl: stack.supabaseUrl,
    serviceRoleKey: stack.serviceRoleKey,
    appOrigin: apps.urls.next,
    taskCount: 5,
  })
  const target = {
    emulatorUrl: stack.emulatorUrl,
    supabaseUrl: stack.supabaseUrl,
    anonKey: stack.anonKey,
    apps: apps.urls,
    user,
  }
  const ssr = await measureSsr(target, { concurrency: [1, 4], durationSeconds: 1 }, silentProgress)
  // Each figure comes from answered requests: a run of errors or non-2xx pages would still have
  // a latency, and the table would compare failures.
  const answered = (run: { requests: number; non2xx: number; errors: number }) => ({
    requests: run.requests > 0,
    non2xx: run.non2xx,
    errors: run.errors,
  })
  for (const run of ssr.baseline) {
    expect(answered(run), 'the bare data API request').toEqual({
      requests: true,
      non2xx: 0,
      errors: 0,
    })
  }
  for (const framework of FRAMEWORKS) {
    expect(ssr.apps[framework]).toHaveLength(2)
    for (const run of ssr.apps[framework]) {
      expect(answered(run), `${framework} /ssr`).toEqual({ requests: true, non2xx: 0, errors: 0 })
      expect(run.clerkRequests, `${framework} /ssr asked Clerk during renders`).toBe(0)
    }
  }

  const client = await measureClient(target, { runs: 1 }, silentProgress)
  for (const framework of FRAMEWORKS) {
    const page = client.apps[framework]
    expect(page.timeToFirstTaskMs).toHaveLength(1)
    expect(page.medianMs).toBeGreaterThan(0)
    expect(page.appScriptBytesGzip).toBeGreaterThan(0)
    // clerk-js comes from Clerk (here the emulator), not from the app.
    expect(page.scriptBytesGzip).toBeGreaterThan(page.appScriptBytesGzip)
  }
})
