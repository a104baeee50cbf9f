// turbo, run the way the repo runs it: the workspace's own binary, telemetry off. The suite part
// and the cache test ask it what a run would do (`--dry=json`) and run it for real.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { repoRoot } from '@repo/dev-stack/testing'
import { childEnv } from '@repo/env/child-env'

const turboBin = path.join(repoRoot, 'node_modules/turbo/bin/turbo')

/** One task of `turbo run … --dry=json`, the fields read here. */
export interface PlannedTask {
  taskId: string
  /** The hash turbo files the task's cache entry under. */
  hash: string
  /** `<NONEXISTENT>` for a package without that script: turbo plans it and runs nothing. */
  command: string
  /** The files hashed, relative to the package, with their git hashes. */
  inputs: Record<string, string>
  cache: { status: 'HIT' | 'MISS'; timeSaved: number }
  resolvedTaskDefinition: { cache: boolean; outputs: string[] }
}

export interface TurboOptions {
  /** The workspace root turbo runs in. Default: this repo. */
  cwd?: string
  /** A turbo --filter, or all packages. */
  filter?: string
}

const args = (tasks: readonly string[], options: TurboOptions) => [
  'run',
  ...tasks,
  ...(options.filter ? [`--filter=${options.filter}`] : []),
]

const run = (turboArgs: string[], cwd: string) =>
  promisify(execFile)(process.execPath, [turboBin, ...turboArgs], {
    cwd,
    env: childEnv({ TURBO_TELEMETRY_DISABLED: '1' }),
    maxBuffer: 64 * 1024 * 1024,
  })

/** The tasks `turbo run <tasks>` would run (those with a script), with their hashes; runs none. */
export async function plannedTasks(
  tasks: readonly string[],
  options: TurboOptions = {},
): Promise<PlannedTask[]> {
  const { stdout } = await run([...args(tasks, options), '--dry=json'], options.cwd ?? repoRoot)
  return (JSON.parse(stdout) as { tasks: PlannedTask[] }).tasks.filter(
    (task) => task.command !== '<NONEXISTENT>',
  )
}

/** What a real `turbo run <tasks>` said of its cache: turbo's own "Cached: n cached, m total". */
export interface TurboRun {
  cached: number
  total: number
  output: string
}

/** Runs `turbo run <tasks>` for real; throws when a task fails. */
export async function runTasks(
  tasks: readonly string[],
  options: TurboOptions = {},
): Promise<TurboRun> {
  const { stdout } = await run(
    [...args(tasks, options), '--output-logs=hash-only'],
    options.cwd ?? repoRoot,
  )
  const counts = /Cached:\s+(\d+) cached, (\d+) total/.exec(stdout)
  if (!counts) throw new Error(`turbo printed no "Cached:" line:\n${stdout}`)
  return { cached: Number(counts[1]), total: Number(counts[2]), output: stdout }
}
