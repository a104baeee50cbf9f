// The terminal's view of the results: one small table per part, then the goals with their gaps.
import type { GoalCheck } from './goals.ts'
import type { BenchResults } from './results.ts'

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))]
  const widths = header.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? '').length)),
  )
  const line = (row: string[]) =>
    `  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd()
  return [
    line(header),
    line(widths.map((width) => '─'.repeat(width))),
    ...cells.slice(1).map(line),
  ].join('\n')
}

const ms = (value: number) =>
  Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms` : '–'
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–')
/** A task's or a suite's time: milliseconds, seconds, or minutes and seconds. */
const duration = (value: number) => {
  if (value < 1_000) return `${Math.round(value)} ms`
  if (value < 60_000) return `${(value / 1_000).toFixed(1)} s`
  const seconds = Math.round(value / 1_000)
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`
}
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`

export function partReport(results: BenchResults, part: keyof BenchResults): string {
  switch (part) {
    case 'stack': {
      const stack = results.stack?.result
      if (!stack) return ''
      return table(
        ['local-supabase start → first query', 'median', 'runs'],
        [
          ['cold (new data directory)', ms(stack.coldMedianMs), stack.coldMs.map(ms).join(', ')],
          ['warm (restart)', ms(stack.warmMedianMs), stack.warmMs.map(ms).join(', ')],
        ],
      )
    }
    case 'dev': {
      const dev = results.dev?.result
      return dev
        ? table(
            ['pnpm dev', 'median', 'runs'],
            [['start → ready banner', ms(dev.medianMs), dev.toBannerMs.map(ms).join(', ')]],
          )
        : ''
    }
    case 'policies': {
      const policies = results.policies?.result
      if (!policies) return ''
      return table(
        [
          'policy form',
          'rows seen',
          'p50 idx',
          'p95 idx',
          '÷ kit',
          'p50 no idx',
          'p95 no idx',
          '÷ kit',
        ],
        policies.cases.map((entry) => [
          entry.label,
          entry.rowsSeen.toLocaleString('en'),
          ms(entry.indexed.p50),
          ms(entry.indexed.p95),
          times(entry.indexedRatio),
          ms(entry.unindexed.p50),
          ms(entry.unindexed.p95),
          times(entry.unindexedRatio),
        ]),
      )
    }
    case 'data-api': {
      const api = results['data-api']?.result
      if (!api) return ''
      return table(
        [`/rest/v1, ${api.sizes.userRows} rows`, 'p50', 'p99'],
        [
          ['user token (RLS)', ms(api.userToken.p50), ms(api.userToken.p99)],
          ['service key (no RLS)', ms(api.serviceKey.p50), ms(api.serviceKey.p99)],
          ['ratio', times(api.p50Ratio), times(api.p99Ratio)],
        ],
      )
    }
    case 'ssr': {
      const ssr = results.ssr?.result
      if (!ssr) return ''
      const rows: (string | number)[][] = []
      for (const [position, bare] of ssr.baseline.entries()) {
        rows.push([
          'bare data API request',
          bare.connections,
          `${bare.p50Ms} ms`,
          `${bare.p99Ms} ms`,
          bare.requestsPerSecond.toFixed(0),
          '',
          '',
        ])
        for (const [app, runs] of Object.entries(ssr.apps)) {
          const run = runs[position]
          if (!run) continue
          rows.push([
            `${app} /ssr`,
            run.connections,
            `${run.p50Ms} ms`,
            `${run.p99Ms} ms`,
            run.requestsPerSecond.toFixed(0),
            times(run.p50Ratio),
            run.clerkRequestsPerRender.toFixed(2),
          ])
        }
      }
      return table(
        ['page', 'concurrency', 'p50', 'p99', 'req/s', 'p50 ÷ bare', 'Clerk req/render'],
        rows,
      )
    }
    case 'client': {
      const client = results.client?.result
      if (!client) return ''
      return table(
        ['client page /', 'first task (median)', 'JS gzipped', 'app JS gzipped'],
        Object.entries(client.apps).map(([app, entry]) => [
          app,
          ms(entry.medianMs),
          kib(entry.scriptBytesGzip),
          kib(entry.appScriptBytesGzip),
        ]),
      )
    }
    case 'suite': {
      const suite = results.suite?.result
      if (!suite) return ''
      // docs/bench/latest.json may still hold what an older bench measured, in another shape.
      if (!('lastRun' in suite)) return '  measured by an older bench: run `pnpm bench suite`'
      const lines: string[] = []
      const { lastRun, e2e, warm } = suite
      if (lastRun.found) {
        lines.push(
          `  last turbo run: \`${lastRun.command}\` at ${lastRun.startedAt}, ${duration(lastRun.wallMs)}; ${lastRun.attempted} tasks, ${lastRun.cached} cached, ${lastRun.failed} failed (${lastRun.file})`,
          table(
            ['slowest tasks', 'cache', 'this run', 'when it runs'],
            lastRun.slowest.map((task) => [
              task.exitCode === 0 ? task.task : `${task.task} (failed, exit ${task.exitCode})`,
              task.cache,
              duration(task.thisRunMs),
              duration(task.fullRunMs),
            ]),
          ),
        )
      } else {
        lines.push(`  last turbo run: none read, ${lastRun.reason}`)
      }
      if (e2e.found) {
        lines.push(
          `  e2e suite: ${duration(e2e.wallMs)} from ${e2e.startedAt}; ${e2e.unexpected} unexpected, ${e2e.flaky} flaky (${e2e.file})`,
          table(
            ['e2e project', 'tests', 'wall', 'sum of tests'],
            e2e.projects.map((project) => [
              project.project,
              project.tests,
              duration(project.wallMs),
              duration(project.sumMs),
            ]),
          ),
        )
      } else {
        lines.push(`  e2e suite: none read, ${e2e.reason}`)
      }
      lines.push(
        warm.found
          ? `  warm \`${warm.command}\`: ${ms(warm.ms)}`
          : `  warm suite not measured: ${warm.reason}`,
      )
      return lines.join('\n')
    }
  }
}

export function goalsReport(checks: GoalCheck[]): string {
  return table(
    ['goal', 'measured', 'gap', ''],
    checks.map((check) => [
      check.goal,
      check.measured,
      Number.isFinite(check.gap) ? check.gap.toFixed(2) : '–',
      check.met ? 'met' : 'MISSED',
    ]),
  )
}
