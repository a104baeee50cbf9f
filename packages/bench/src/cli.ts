// `pnpm bench [part ...]`: every part in one run, or the parts named. Progress goes to stderr,
// the tables to stdout; the numbers to docs/bench/latest.json and the charts beside it.
import { createBenchUser } from './bench-user.ts'
import { buildApps } from './build-apps.ts'
import { writeCharts } from './charts.ts'
import { checkGoals } from './goals.ts'
import { startOfflineStack } from './offline-stack.ts'
import { FULL_CLIENT_SIZES, measureClient } from './parts/client.ts'
import { FULL_DATA_API_SIZES, measureDataApi } from './parts/data-api.ts'
import { FULL_POLICY_SIZES, measurePolicies } from './parts/policies.ts'
import { FULL_SSR_SIZES, measureSsr } from './parts/ssr.ts'
import { measureDevStart, measureStackStart } from './parts/stack.ts'
import { FULL_SUITE, measureSuite } from './parts/suite.ts'
import { printProgress } from './progress.ts'
import { goalsReport, partReport } from './report.ts'
import {
  type BenchResults,
  benchDir,
  machine,
  type PartName,
  readResults,
  writeResults,
} from './results.ts'

const PARTS: Record<PartName, string> = {
  suite: 'the test suite: the last run, the e2e projects, warm',
  stack: 'local stack cold and warm start',
  dev: '`pnpm dev` to its banner',
  policies: 'RLS policy forms on 1 M rows',
  'data-api': 'data API, user token vs service key',
  ssr: 'server-rendered pages under load',
  client: 'client pages in Chromium',
}
const ALL = Object.keys(PARTS) as PartName[]

const requested = process.argv.slice(2)
const unknown = requested.filter((name) => !(name in PARTS))
if (unknown.length > 0) {
  console.error(`pnpm bench: no part named ${unknown.join(', ')}. Parts: ${ALL.join(', ')}.`)
  process.exit(2)
}
const parts = requested.length > 0 ? ALL.filter((part) => requested.includes(part)) : ALL

const results: BenchResults = readResults()
const started = performance.now()

async function record<K extends PartName>(
  part: K,
  measure: () => Promise<NonNullable<BenchResults[K]>['result']>,
): Promise<void> {
  const index = parts.indexOf(part) + 1
  console.error(`[${index}/${parts.length}] ${PARTS[part]}`)
  const partStarted = performance.now()
  const result = await measure()
  ;(results as Record<PartName, unknown>)[part] = {
    measuredAt: new Date().toISOString(),
    machine: machine(),
    seconds: Math.round((performance.now() - partStarted) / 100) / 10,
    result,
  }
  await writeResults(results)
  console.log(`\n${PARTS[part]}\n${partReport(results, part)}\n`)
}

// First: the other parts rewrite docs/bench/latest.json, which @repo/bench's own test reads,
// so after them `pnpm test` would no longer be a cache hit.
if (parts.includes('suite')) {
  await record('suite', () => measureSuite(FULL_SUITE, printProgress))
}
if (parts.includes('stack')) {
  await record('stack', () => measureStackStart({ runs: 5 }, printProgress))
}
if (parts.includes('dev')) {
  await record('dev', () => measureDevStart({ runs: 3 }, printProgress))
}
if (parts.includes('policies')) {
  await record('policies', () => measurePolicies(FULL_POLICY_SIZES, printProgress))
}
if (parts.includes('data-api')) {
  await record('data-api', () => measureDataApi(FULL_DATA_API_SIZES, printProgress))
}
if (parts.includes('ssr') || parts.includes('client')) {
  console.error('building the apps (turbo; cached when nothing changed)')
  await buildApps()
  const stack = await startOfflineStack(printProgress)
  try {
    const user = await createBenchUser({
      emulatorUrl: stack.emulatorUrl,
      supabaseUrl: stack.supabaseUrl,
      serviceRoleKey: stack.serviceRoleKey,
      appOrigin: stack.apps.next,
      taskCount: 100,
    })
    if (parts.includes('ssr')) {
      await record('ssr', () => measureSsr({ ...stack, user }, FULL_SSR_SIZES, printProgress))
    }
    if (parts.includes('client')) {
      await record('client', () =>
        measureClient({ ...stack, user }, FULL_CLIENT_SIZES, printProgress),
      )
    }
  } finally {
    await stack.stop()
  }
}

const charts = await writeCharts(results, benchDir)
console.log(`goals\n${goalsReport(checkGoals(results))}\n`)
console.log(
  `${parts.length} part(s) in ${((performance.now() - started) / 1000).toFixed(0)} s. Numbers: docs/bench/latest.json; charts: ${charts.map((file) => file.slice(file.indexOf('docs/'))).join(', ')}`,
)
