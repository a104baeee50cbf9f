// The test kit for the apps' smoke tests and the end-to-end suite: where each app is, and
// starting its own scripts and stopping them by PID.
import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { type AddressInfo, createServer } from 'node:net'
import path from 'node:path'
import type { AppEnv } from '@repo/clerk-emulator'
import { childEnv } from '@repo/env/child-env'
import {
  APP_NAMES,
  APPS,
  type AppName,
  appDir,
  type LocalStack,
  presentApps,
  repoRoot,
} from '@repo/local-stack'
import { supabaseVariables } from './app-env.ts'

export { type LocalServices, startLocalServices } from './local-services.ts'
export { appDir, repoRoot }

/** The apps this checkout has, from @repo/local-stack's registry (a deleted app's folder drops it). */
export function appNames(): AppName[] {
  return presentApps()
}

/** A port of the local stack and where it sits in LocalStack, e.g. ['supabase', 'dbPort']. */
export interface StackPort {
  at: string[]
  port: number
}

/**
 * Every port the local stack binds: each numeric field named `port` or `…Port` in LocalStack,
 * so a port added there is covered by the tests of ports without a list to update.
 */
export function stackPorts(stack: LocalStack): StackPort[] {
  const found: StackPort[] = []
  const walk = (value: unknown, at: string[]) => {
    if (typeof value !== 'object' || value === null) return
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === 'number' && /port$/i.test(key))
        found.push({ at: [...at, key], port: inner })
      else walk(inner, [...at, key])
    }
  }
  walk(stack, [])
  // A deleted app's port is configuration only: nothing binds it.
  const present: string[] = presentApps()
  return found.filter(({ at }) => at[0] !== 'apps' || present.includes(at[1] ?? ''))
}

/**
 * Every port variable of the local stack, each set to a free port: a whole `pnpm dev` moved out
 * of the way of anything else running (@repo/local-stack reads these).
 */
export async function freeStackPorts(): Promise<Record<string, string>> {
  const moved: Record<string, string> = {}
  for (const name of [
    'CLERK_EMULATOR_PORT',
    'LOCAL_SUPABASE_API_PORT',
    'LOCAL_SUPABASE_DB_PORT',
    'LOCAL_SUPABASE_POSTGREST_PORT',
    ...APP_NAMES.map((app) => APPS[app].portVariable),
  ]) {
    moved[name] = String(await freePort())
  }
  return moved
}

/** The port at `at` in `stack`, as stackPorts found it. */
export function portAt(stack: LocalStack, at: string[]): unknown {
  return at.reduce<unknown>(
    (value, key) =>
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined,
    stack,
  )
}

/** apps/<app>, whose scripts the tests run as a user would. */

/** A TCP port nothing listens on now, from the kernel, for a server a test starts alone. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

export interface RunningApp {
  url: string
  pid: number | undefined
  stop(): Promise<void>
}

interface ServerOptions {
  cwd: string
  port: number
  env: Record<string, string | undefined>
  readyPath?: string
  timeoutMs?: number
  /** Where the server's output goes; by default stdout is dropped and stderr shown. */
  logFile?: string
}

/** A package script's command line, as `pnpm run` would run it. */
export function packageScript(packageDir: string, script: string): string {
  const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>
  }
  const line = manifest.scripts?.[script]
  if (!line) throw new Error(`${packageDir}/package.json has no "${script}" script`)
  return line
}

/**
 * Runs a package script the way `pnpm run <script>` does (through sh, with the package's
 * node_modules/.bin first on PATH), but with `exec`, so the PID held is the script's command.
 */
export function spawnPackageScript(
  packageDir: string,
  script: string,
  options: Omit<ServerOptions, 'cwd' | 'port'> & { capture?: boolean },
): ChildProcess {
  return spawnLogged('sh', ['-c', `exec ${packageScript(packageDir, script)}`], {
    ...options,
    cwd: packageDir,
    env: {
      ...options.env,
      PATH: `${path.join(packageDir, 'node_modules/.bin')}${path.delimiter}${childEnv(options.env).PATH}`,
    },
  })
}

/**
 * Runs a package script to its end (a build, or a server expected to stop at once) and returns
 * its exit code and output; killed after `timeoutMs`, which a server that started anyway needs.
 */
export async function runPackageScript(
  packageDir: string,
  script: string,
  options: { env: Record<string, string | undefined>; timeoutMs: number },
): Promise<{ code: number | null; output: string }> {
  const child = spawnPackageScript(packageDir, script, { env: options.env, capture: true })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  clearTimeout(timer)
  return { code, output }
}

/** Starts a package script that serves the app (`dev`, `preview`) and waits until it answers. */
export async function startScriptServer(
  script: string,
  options: ServerOptions,
): Promise<RunningApp> {
  return await waitUntilServing(spawnPackageScript(options.cwd, script, options), options)
}

function spawnLogged(
  command: string,
  args: string[],
  options: Pick<ServerOptions, 'cwd' | 'env' | 'logFile'> & { capture?: boolean },
): ChildProcess {
  const piped = options.logFile !== undefined || options.capture === true
  const child = spawn(command, args, {
    cwd: options.cwd,
    stdio: ['ignore', piped ? 'pipe' : 'ignore', piped ? 'pipe' : 'inherit'],
    env: childEnv(options.env),
  })
  if (options.logFile) {
    mkdirSync(path.dirname(options.logFile), { recursive: true })
    const log = createWriteStream(options.logFile)
    child.stdout?.pipe(log)
    child.stderr?.pipe(log)
  }
  return child
}

async function waitUntilServing(child: ChildProcess, options: ServerOptions): Promise<RunningApp> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://localhost:${options.port}`
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      // A dev server busy compiling can take a while; one that hangs must not hang the suite.
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    }
  }
  const what = child.spawnargs.join(' ')
  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `${what} exited with ${child.exitCode}${options.logFile ? ` (output in ${options.logFile})` : ''}`,
      )
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
  throw new Error(`${what} did not answer at ${url} in time`)
}

/**
 * A built app through its own `start` script (the framework's server alone, as a deployment runs
 * it), with the env a deployment would set.
 */
export async function startBuiltApp(
  app: AppName,
  options: {
    appDir: string
    clerkEnv: AppEnv
    supabaseUrl: string
    supabaseKey: string
    /** The webhook route writes the mirror with it. */
    serviceRoleKey: string
    port: number
    logFile?: string
  },
): Promise<RunningApp> {
  return await startScriptServer('start', {
    cwd: options.appDir,
    port: options.port,
    logFile: options.logFile,
    env: {
      ...options.clerkEnv[app],
      ...supabaseVariables(app, options.supabaseUrl, options.supabaseKey, options.serviceRoleKey),
      PORT: String(options.port),
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  })
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
