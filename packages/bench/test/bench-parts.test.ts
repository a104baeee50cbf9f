// `pnpm bench`'s parts on tiny sizes, so the benchmark cannot rot between the runs that publish
// figures. These check that each part measures what it says (the rows each policy lets the
// caller see, the same rows on both sides of the data API, the charts drawn), never how fast:
// timings belong to `pnpm bench` itself. The parts that need the apps run in the e2e suite
// (tests/bench.spec.ts for ssr and client; moved-ports.spec.ts starts `pnpm dev` through the
// dev part), where the apps already are.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { repoRoot } from '@repo/dev-stack/testing'
import { afterAll, describe, expect, test } from 'vitest'
import { writeCharts } from '../src/charts.ts'
import { checkGoals } from '../src/goals.ts'
import { APPS } from '../src/offline-stack.ts'
import { measureDataApi } from '../src/parts/data-api.ts'
import { measurePolicies } from '../src/parts/policies.ts'
import { measureStackStart } from '../src/parts/stack.ts'
import { measureSuite } from '../src/parts/suite.ts'
import { silentProgress } from '../src/progress.ts'
import { partReport } from '../src/report.ts'
import { type BenchResults, machine, type PartName, readResults } from '../src/results.ts'

const results: BenchResults = {}
const keep = <K extends PartName>(part: K, result: NonNullable<BenchResults[K]>['result']) => {
  ;(results as Record<PartName, unknown>)[part] = {
    measuredAt: new Date().toISOString(),
    machine: machine(),
    seconds: 0,
    result,
  }
  // Every part prints a table.
  expect(partReport(results, part)).not.toBe('')
}

describe('pnpm bench, each part on tiny sizes', () => {
  test('stack: local-supabase answers a query after a cold and a warm start', async () => {
    const stack = await measureStackStart({ runs: 1 }, silentProgress)
    expect(stack.coldMs).toHaveLength(1)
    expect(stack.warmMs).toHaveLength(1)
    expect(stack.coldMedianMs).toBeGreaterThan(0)
    keep('stack', stack)
  })

  test('policies: each form lets the caller see exactly their rows, with and without the index', async () => {
    const sizes = { rows: 2_000, users: 20, organizations: 5, callerOrganizationRows: 50, runs: 2 }
    const policies = await measurePolicies(sizes, silentProgress)
    const seen = Object.fromEntries(policies.cases.map((entry) => [entry.id, entry.rowsSeen]))
    // The caller owns one row in `users`, all personal; their organization has 50.
    expect(seen).toEqual({
      naive: 100,
      guide: 100,
      kit: 100,
      'shipped-personal': 100,
      'shipped-organization': 50,
    })
    for (const entry of policies.cases) {
      expect(entry.indexed.samples).toBe(2)
      expect(entry.unindexed.samples).toBe(2)
    }
    // The "÷ kit" columns the README quotes: each form's p50 over the kit's, measured the same
    // way, rounded to two places; and the table prints those figures on each form's row.
    const kit = policies.cases.find((entry) => entry.id === 'kit')
    if (!kit) throw new Error('no kit case')
    const report = partReport(
      { policies: { measuredAt: '', machine: machine(), seconds: 0, result: policies } },
      'policies',
    ).split('\n')
    for (const entry of policies.cases) {
      for (const [ratio, p50, kitP50] of [
        [entry.indexedRatio, entry.indexed.p50, kit.indexed.p50],
        [entry.unindexedRatio, entry.unindexed.p50, kit.unindexed.p50],
      ] as const) {
        expect(
          Math.abs(ratio - p50 / kitP50),
          `${entry.id}: ${ratio} vs ${p50} ÷ ${kitP50}`,
        ).toBeLessThanOrEqual(0.005 + 1e-9)
      }
      const row = report.find((line) => line.trimStart().startsWith(entry.label))
      const cells = row
        ?.trim()
        .slice(entry.label.length)
        .trim()
        .split(/\s{2,}/)
      expect(cells, entry.label).toEqual([
        entry.rowsSeen.toLocaleString('en'),
        expect.any(String),
        expect.any(String),
        `${entry.indexedRatio.toFixed(2)}×`,
        expect.any(String),
        expect.any(String),
        `${entry.unindexedRatio.toFixed(2)}×`,
      ])
    }
    keep('policies', policies)
  })

  test('data API: the page’s request returns the same rows with the user token and the service key', async () => {
    const api = await measureDataApi(
      { userRows: 5, otherRows: 200, otherUsers: 10, requests: 20 },
      silentProgress,
    )
    expect(api.userToken.p50).toBeGreaterThan(0)
    expect(api.serviceKey.p50).toBeGreaterThan(0)
    keep('data-api', api)
  })

  test('suite: the last run and the e2e report are read, and a warm turbo run is timed', async () => {
    const command = [
      process.execPath,
      path.join(repoRoot, 'node_modules/turbo/bin/turbo'),
      'run',
      'lint',
      '--filter=@repo/env',
    ]
    const fixtures = fileURLToPath(new URL('fixtures', import.meta.url))
    // `transit` has no script anywhere: turbo plans it, never caches it, and it does not count.
    const options = {
      tasks: ['lint', 'transit'],
      filter: '@repo/env',
      command,
      runsDir: path.join(fixtures, 'turbo-runs'),
      e2eReport: path.join(fixtures, 'e2e-report.json'),
      slowest: 3,
    }
    // Cached first: the part times only a warm cache.
    await promisify(execFile)(command[0] ?? '', command.slice(1), { cwd: repoRoot })
    const suite = await measureSuite(options, silentProgress)
    expect(suite.warm).toMatchObject({
      found: true,
      command: 'node turbo run lint --filter=@repo/env',
    })
    expect(suite.lastRun.found && suite.lastRun.slowest).toHaveLength(3)
    expect(suite.e2e.found && suite.e2e.projects.map((project) => project.project)).toEqual([
      'built',
      'dev',
      'alone-built',
    ])
    keep('suite', suite)
  })

  describe('output', () => {
    let dir = ''
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    // The framework parts run in the e2e suite (tests/bench.spec.ts), against its apps; their
    // figures here come from the last full run, committed in docs/bench/latest.json.
    test('charts are drawn and every goal is checked, from this run and the committed one', async () => {
      const published = readResults()
      const merged: BenchResults = { ...published, ...results }
      dir = await mkdtemp(path.join(os.tmpdir(), 'bench-charts-'))
      const files = await writeCharts(merged, dir)
      expect(files.map((file) => path.basename(file)).sort()).toEqual([
        'client-time-to-data.svg',
        'framework-overhead.svg',
        'policy-forms.svg',
      ])
      for (const file of files) expect(await readFile(file, 'utf8')).toMatch(/^<svg[^>]*>/)
      const goals = checkGoals(merged).map((check) => check.goal)
      expect(goals).toContain('local stack cold start ≤ 1.0 s')
      expect(goals).toContain('data API, user token ÷ service key p50 ≤ 1.1')
      for (const app of APPS) {
        expect(goals).toContain(`${app} /ssr sends 0 requests to Clerk per render`)
      }
      for (const part of ['ssr', 'client', 'dev'] as const) {
        expect(partReport(merged, part)).not.toBe('')
      }
    })
  })
})
