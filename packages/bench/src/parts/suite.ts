// Part 6, the test suite. Where its time goes, so a regression is seen the run it lands: the
// slowest tasks of the last turbo run (its `--summarize` file, with each task's cache hit or
// miss) and the e2e suite's time per Playwright project (its JSON report). Then a warm
// `pnpm test` (nothing changed, so every task a cache hit), timed only when turbo says every
// task is cached: a cold suite takes many minutes, and the part says how to warm it instead.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { repoRoot } from '@repo/dev-stack/testing'
import { childEnv } from '@repo/env/child-env'
import { type E2eTimes, readE2eReport } from '../e2e-report.ts'
import type { Progress } from '../progress.ts'
import { plannedTasks } from '../turbo.ts'
import { latestSummaryFile, readTurboSummary, type TurboRunTimes } from '../turbo-summary.ts'

export interface SuiteOptions {
  /** turbo tasks the warm command runs, for the cache check. */
  tasks: string[]
  /** A turbo --filter, or all packages. */
  filter?: string
  /** The warm command, run from the repo root. Default: `pnpm test`, the README's. */
  command: string[]
  /** Where turbo writes its run summaries. */
  runsDir: string
  /** The e2e suite's Playwright JSON report. */
  e2eReport: string
  /** How many of the last run's tasks to keep, slowest first. */
  slowest: number
}

export const FULL_SUITE: SuiteOptions = {
  tasks: ['lint', 'typecheck', 'test'],
  command: ['pnpm', 'test'],
  runsDir: path.join(repoRoot, '.turbo/runs'),
  e2eReport: path.join(repoRoot, 'packages/e2e/test-results/report.json'),
  slowest: 10,
}

/** A figure the part read or measured, or why it has none. */
export type Found<T> = ({ found: true } & T) | { found: false; reason: string }

export interface SuiteResult {
  lastRun: Found<TurboRunTimes>
  e2e: Found<E2eTimes>
  warm: Found<{ command: string; ms: number }>
}

async function timeCommand(command: string[]): Promise<number> {
  const [file = '', ...args] = command
  const started = performance.now()
  const child = spawn(file, args, {
    cwd: repoRoot,
    env: childEnv({ TURBO_TELEMETRY_DISABLED: '1' }),
    stdio: 'ignore',
  })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`${command.join(' ')} exited with ${code}`)
  return performance.now() - started
}

/** The last turbo run and the e2e report, as the part reads them, or why each is missing. */
export function readSuiteFiles(
  options: Pick<SuiteOptions, 'tasks' | 'runsDir' | 'e2eReport' | 'slowest'>,
): Pick<SuiteResult, 'lastRun' | 'e2e'> {
  return { lastRun: lastRun(options), e2e: e2e(options) }
}

function lastRun(
  options: Pick<SuiteOptions, 'tasks' | 'runsDir' | 'slowest'>,
): Found<TurboRunTimes> {
  const file = latestSummaryFile(options.runsDir)
  if (!file) {
    return {
      found: false,
      reason: `no turbo run summary in ${path.relative(repoRoot, options.runsDir)}: run \`pnpm turbo run ${options.tasks.join(' ')} --summarize\``,
    }
  }
  return { found: true, ...readTurboSummary(file, repoRoot, options.slowest) }
}

function e2e(options: Pick<SuiteOptions, 'e2eReport'>): Found<E2eTimes> {
  try {
    return { found: true, ...readE2eReport(options.e2eReport, repoRoot) }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    return {
      found: false,
      reason: `no e2e report at ${path.relative(repoRoot, options.e2eReport)}: run the e2e suite`,
    }
  }
}

export async function measureSuite(
  options: SuiteOptions,
  progress: Progress,
): Promise<SuiteResult> {
  // Read before the warm run below, which may write a summary of its own (all cache hits).
  progress('reading the last turbo run and the e2e report')
  const result = readSuiteFiles(options)
  // Executables by name (`node`, not its path), arguments as given.
  const command = options.command
    .map((part) => (path.isAbsolute(part) ? path.basename(part) : part))
    .join(' ')
  progress('asking turbo which tasks are cached')
  const planned = await plannedTasks(options.tasks, { filter: options.filter })
  const missing = planned.filter((task) => task.cache.status !== 'HIT')
  if (missing.length > 0) {
    const named = missing.slice(0, 3).map((task) => task.taskId)
    return {
      ...result,
      warm: {
        found: false,
        reason: `${missing.length} of ${planned.length} tasks are not cached (${named.join(', ')}${missing.length > 3 ? ', …' : ''}): run \`${command}\` once, then \`pnpm bench suite\``,
      },
    }
  }
  progress(`${command}, warm`)
  return { ...result, warm: { found: true, command, ms: await timeCommand(options.command) } }
}
