// `pnpm bench suite` reads what the last runs left: turbo's run summary and the e2e suite's
// Playwright JSON report. The fixtures are real files, trimmed: a `pnpm turbo run lint
// --summarize` of this repo (one task failed, so turbo started 11 of its 15 tasks; five are
// kept), and the JSON reporter's file from a tiny Playwright run with the e2e suite's project
// layout (two projects, then one depending on both, with one test passing on its retry).
import { copyFile, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, test } from 'vitest'
import { readE2eReport } from '../src/e2e-report.ts'
import { readSuiteFiles, type SuiteResult } from '../src/parts/suite.ts'
import { partReport } from '../src/report.ts'
import { machine } from '../src/results.ts'
import { latestSummaryFile, readTurboSummary } from '../src/turbo-summary.ts'

const fixtures = fileURLToPath(new URL('fixtures', import.meta.url))
const runsFixture = path.join(fixtures, 'turbo-runs')
const summaryFixture = path.join(runsFixture, '3MtVSCarSlbwRfZX3ekEP2OJuVq.json')
const reportFixture = path.join(fixtures, 'e2e-report.json')

let dir = ''
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = ''
})

describe('the last turbo run', () => {
  test('lists the slowest tasks by what they cost when they run, a hit by the run that filled the cache', () => {
    const run = readTurboSummary(summaryFixture, fixtures, 3)
    expect(run).toEqual({
      file: 'turbo-runs/3MtVSCarSlbwRfZX3ekEP2OJuVq.json',
      command: 'turbo run lint',
      startedAt: new Date(1796169839566).toISOString(),
      wallMs: 1796169848050 - 1796169839566,
      attempted: 15,
      cached: 10,
      failed: 1,
      exitCode: 1,
      slowest: [
        // Ran, and failed: its own start to end.
        {
          task: '@repo/dev-stack#lint',
          cache: 'MISS',
          thisRunMs: 1796169846543 - 1796169840261,
          fullRunMs: 1796169846543 - 1796169840261,
          exitCode: 1,
        },
        // Replayed in a few milliseconds; turbo's timeSaved is how long the real run took.
        { task: '@repo/bench#lint', cache: 'HIT', thisRunMs: 3, fullRunMs: 2516, exitCode: 0 },
        { task: '@repo/app-remix#lint', cache: 'HIT', thisRunMs: 2, fullRunMs: 2304, exitCode: 0 },
      ],
    })
  })

  test('is the summary written last', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'turbo-runs-'))
    expect(latestSummaryFile(path.join(dir, 'none'))).toBeUndefined()
    // turbo names summaries by a time-sortable id, but a copied or touched file keeps only its
    // mtime honest, so the newer mtime wins whatever the names say.
    for (const [name, secondsAgo] of [
      ['3Mzzz.json', 60],
      ['3Maaa.json', 1],
    ] as const) {
      await writeFile(path.join(dir, name), '{}')
      const when = new Date(Date.now() - secondsAgo * 1000)
      await utimes(path.join(dir, name), when, when)
    }
    expect(latestSummaryFile(dir)).toBe(path.join(dir, '3Maaa.json'))
  })

  test('refuses a file that is not a run summary, naming it', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'turbo-runs-'))
    const file = path.join(dir, 'other.json')
    await writeFile(file, JSON.stringify({ version: '2', tasks: [] }))
    expect(() => readTurboSummary(file, dir, 3)).toThrow(`${file} is not a turbo run summary`)
  })
})

describe('the e2e report', () => {
  test('gives each Playwright project its wall time and the sum of its attempts, in the order they ran', () => {
    // The fixture's results (start, duration ms): built 29.060+205, 29.581+341, 29.979+1 (the
    // skipped one); dev 34.510+341, 35.564+6, 35.939+246; alone-built 39.945+379, then its retry
    // 44.131+299.
    expect(readE2eReport(reportFixture, fixtures)).toEqual({
      file: 'e2e-report.json',
      startedAt: '2026-12-02T00:08:20.244Z',
      wallMs: 24848.354,
      unexpected: 0,
      flaky: 1,
      projects: [
        { project: 'built', tests: 3, sumMs: 205 + 341 + 1, wallMs: 29_980 - 29_060 },
        { project: 'dev', tests: 3, sumMs: 341 + 6 + 246, wallMs: 36_185 - 34_510 },
        { project: 'alone-built', tests: 1, sumMs: 379 + 299, wallMs: 44_430 - 39_945 },
      ],
    })
  })
})

describe('pnpm bench suite’s table', () => {
  test('shows the slowest tasks with their cache status and the e2e time per project', () => {
    const result: SuiteResult = {
      ...readSuiteFiles({
        tasks: ['lint'],
        runsDir: runsFixture,
        e2eReport: reportFixture,
        slowest: 10,
      }),
      warm: { found: false, reason: '1 of 1 tasks are not cached' },
    }
    const measured = { measuredAt: '', machine: machine(), seconds: 0, result }
    const lines = partReport({ suite: measured }, 'suite').split('\n')
    const row = (start: string) => lines.find((line) => line.trimStart().startsWith(start))
    // A table row's cells after the first, which names it (columns are two spaces apart).
    const cells = (start: string) =>
      row(start)
        ?.trim()
        .split(/\s{2,}/)
        .slice(1)
    expect(row('last turbo run:')).toContain('`turbo run lint`')
    expect(row('last turbo run:')).toContain('8.5 s; 15 tasks, 10 cached, 1 failed')
    expect(cells('@repo/dev-stack#lint (failed, exit 1)')).toEqual(['MISS', '6.3 s', '6.3 s'])
    expect(cells('@repo/bench#lint')).toEqual(['HIT', '3 ms', '2.5 s'])
    expect(cells('@repo/env#lint')).toEqual(['HIT', '7 ms', '355 ms'])
    expect(row('e2e suite:')).toContain('24.8 s')
    expect(cells('built')).toEqual(['3', '920 ms', '547 ms'])
    expect(cells('alone-built')).toEqual(['1', '4.5 s', '678 ms'])
    expect(row('warm suite not measured:')).toContain('1 of 1 tasks are not cached')
  })

  test('says how to get each file it did not find', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'turbo-runs-'))
    const files = readSuiteFiles({
      tasks: ['lint', 'typecheck', 'test'],
      runsDir: dir,
      e2eReport: path.join(dir, 'report.json'),
      slowest: 10,
    })
    expect(files.lastRun).toMatchObject({ found: false })
    expect(files.lastRun.found || files.lastRun.reason).toContain(
      'run `pnpm turbo run lint typecheck test --summarize`',
    )
    expect(files.e2e.found || files.e2e.reason).toContain('run the e2e suite')
    // And a summary copied in is read.
    await copyFile(summaryFixture, path.join(dir, 'run.json'))
    const again = readSuiteFiles({
      tasks: ['lint'],
      runsDir: dir,
      e2eReport: reportFixture,
      slowest: 1,
    })
    expect(again.lastRun.found && again.lastRun.slowest.map((task) => task.task)).toEqual([
      '@repo/dev-stack#lint',
    ])
  })
})
