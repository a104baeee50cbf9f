// For the apps' smoke tests and the end-to-end suite: start a built app server and stop it by PID.
import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

export interface RunningApp {
  url: string
  pid: number | undefined
  stop(): Promise<void>
}

/**
 * Spawns the server binary itself (not a shell or package script), so the PID held is the
 * server's, and waits until `readyPath` answers.
 */
export async function startAppServer(options: {
  command: string
  args: string[]
  cwd: string
  port: number
  env: Record<string, string | undefined>
  readyPath?: string
  timeoutMs?: number
}): Promise<RunningApp> {
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...options.env },
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://localhost:${options.port}`
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await exited
    }
  }
  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${options.command} ${options.args.join(' ')} exited with ${child.exitCode}`)
    }
    try {
      if ((await fetch(`${url}${options.readyPath ?? '/sign-in'}`)).ok) {
        return { url, pid: child.pid, stop }
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  await stop()
  throw new Error(`${options.command} did not answer at ${url} in time`)
}

/** Headers of a browser navigation, which is what makes Clerk redirect rather than 401. */
export function documentHeaders(cookie?: string): Record<string, string> {
  return {
    accept: 'text/html',
    'sec-fetch-dest': 'document',
    ...(cookie ? { cookie } : {}),
  }
}

/** Every file under `dir`, with its text: for scanning a client build for secrets. */
export function readTree(dir: string): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry)
    return statSync(full).isDirectory()
      ? readTree(full)
      : [{ file: full, text: readFileSync(full, 'utf8') }]
  })
}
