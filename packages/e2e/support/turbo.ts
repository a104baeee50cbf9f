// Running apps through turbo from the repo root, as `pnpm dev` / `pnpm build` / a platform's
// start command do, so the test sees exactly the env turbo's strict mode lets through.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { createWriteStream, mkdirSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { childEnv } from '@repo/env/child-env'
import { repoRoot } from './apps.ts'

// turbo's npm wrapper forwards signals to the turbo binary, which stops the tasks it started.
const turboScript = path.join(repoRoot, 'node_modules/turbo/bin/turbo')

export interface TurboRun {
  stop(): Promise<void>
  /** Resolves with the exit code once turbo has exited. */
  exited: Promise<number | null>
}

export function runTurbo(
  args: string[],
  options: { env: Record<string, string>; drop?: string[]; logFile: string },
): TurboRun {
  mkdirSync(path.dirname(options.logFile), { recursive: true })
  const child: ChildProcess = spawn(
    process.execPath,
    [turboScript, 'run', ...args, '--ui=stream'],
    {
      cwd: repoRoot,
      // This process's env, minus anything a case must not inherit, plus the case's own.
      env: childEnv({ TURBO_TELEMETRY_DISABLED: '1', ...options.env }, options.drop),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const log = createWriteStream(options.logFile)
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  return {
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      // The wrapper forwards SIGTERM to turbo, which stops its tasks; SIGINT it leaves to a TTY.
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** The hash turbo gives a task under this env: what decides a cache hit. */
export async function taskHash(
  task: string,
  env: Record<string, string>,
  drop: string[] = [],
): Promise<string> {
  const [pkg, name] = task.split('#') as [string, string]
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [turboScript, 'run', name, `--filter=${pkg}`, '--dry=json'],
    {
      cwd: repoRoot,
      env: childEnv({ TURBO_TELEMETRY_DISABLED: '1', ...env }, drop),
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  const plan = JSON.parse(stdout) as { tasks: { taskId: string; hash: string }[] }
  const found = plan.tasks.find((candidate) => candidate.taskId === task)
  if (!found) throw new Error(`turbo planned no ${task}`)
  return found.hash
}

/** Waits until every URL answers 200, or turbo exits. */
export async function waitForApps(run: TurboRun, urls: string[], logFile: string): Promise<void> {
  let exitCode: number | null | undefined
  void run.exited.then((code) => {
    exitCode = code
  })
  const deadline = Date.now() + 240_000
  const pending = new Set(urls)
  while (pending.size > 0) {
    if (exitCode !== undefined) throw new Error(`turbo exited with ${exitCode}; see ${logFile}`)
    if (Date.now() > deadline)
      throw new Error(`${[...pending].join(', ')} never answered; see ${logFile}`)
    for (const url of pending) {
      try {
        if ((await fetch(url)).ok) pending.delete(url)
      } catch {
        // not listening yet
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}
