// Part 6, the test suite: a warm `pnpm test` (nothing changed, so every turbo task is a cache
// hit), and how long each task took when it last ran, which turbo keeps with each cache entry
// (`timeSaved`). A cold suite takes many minutes, so this part measures only a warm cache and
// says how to get one otherwise.
import { execFile, spawn } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { repoRoot } from '@repo/dev-stack/testing'
import { childEnv } from '@repo/env/child-env'
import type { Progress } from '../progress.ts'

export interface SuiteOptions {
  /** turbo tasks the command runs, for the cache check. */
  tasks: string[]
  /** A turbo --filter, or all packages. */
  filter?: string
  /** The warm command, run from the repo root. Default: `pnpm test`, the README's. */
  command: string[]
}

export const FULL_SUITE: SuiteOptions = {
  tasks: ['lint', 'typecheck', 'test'],
  command: ['pnpm', 'test'],
}

export interface SuiteTask {
  task: string
  /** How long the task took when it last ran (and filled the cache). */
  lastRunMs: number
}

export type SuiteResult =
  | { measured: true; command: string; warmMs: number; tasks: SuiteTask[] }
  | { measured: false; command: string; reason: string; tasks: SuiteTask[] }

const turbo = path.join(repoRoot, 'node_modules/turbo/bin/turbo')

interface DryRunTask {
  taskId: string
  /** `<NONEXISTENT>` for a package without that script: turbo plans it and runs nothing. */
  command: string
  cache: { status: 'HIT' | 'MISS'; timeSaved: number }
}

async function plannedTasks(options: SuiteOptions): Promise<DryRunTask[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      turbo,
      'run',
      ...options.tasks,
      ...(options.filter ? [`--filter=${options.filter}`] : []),
      '--dry=json',
    ],
    {
      cwd: repoRoot,
      env: childEnv({ TURBO_TELEMETRY_DISABLED: '1' }),
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  return (JSON.parse(stdout) as { tasks: DryRunTask[] }).tasks.filter(
    (task) => task.command !== '<NONEXISTENT>',
  )
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

export async function measureSuite(
  options: SuiteOptions,
  progress: Progress,
): Promise<SuiteResult> {
  const command = options.command.map((part) => path.basename(part)).join(' ')
  progress('asking turbo which tasks are cached')
  const planned = await plannedTasks(options)
  const tasks = planned
    .filter((task) => task.cache.status === 'HIT')
    .map((task) => ({ task: task.taskId, lastRunMs: task.cache.timeSaved }))
    .sort((a, b) => b.lastRunMs - a.lastRunMs)
  const missing = planned.filter((task) => task.cache.status !== 'HIT')
  if (missing.length > 0) {
    return {
      measured: false,
      command,
      reason: `${missing.length} of ${planned.length} tasks are not cached (${missing
        .slice(0, 3)
        .map((task) => task.taskId)
        .join(
          ', ',
        )}${missing.length > 3 ? ', …' : ''}): run \`${command}\` once, then \`pnpm bench suite\``,
      tasks,
    }
  }
  progress(`${command}, warm`)
  return { measured: true, command, warmMs: await timeCommand(options.command), tasks }
}
