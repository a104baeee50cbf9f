// Part 1, the stack: how long `local-supabase start` takes from process start to the first
// successful query through the data API, cold (a new data directory: a copy of the migrated
// template, which the first run builds if this machine has none for these migrations yet) and
// warm (a restart on the existing one); and how long `pnpm dev` takes to print its ready banner.
import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { APP_ENV_VARIABLES, BANNER_TITLE } from '@repo/dev-stack'
import { freeStackPorts, repoRoot } from '@repo/dev-stack/testing'
import { childEnv } from '@repo/env/child-env'
import { createTestIssuer, findFreePort, randomApiKeys } from '@repo/local-supabase/testing'
import type { Progress } from '../progress.ts'
import { median } from '../stats.ts'

export interface StackStartResult {
  runs: number
  coldMs: number[]
  warmMs: number[]
  coldMedianMs: number
  warmMedianMs: number
}

export interface DevStartResult {
  /** From starting `pnpm dev`'s command to its banner, every service answering: each run. */
  toBannerMs: number[]
  medianMs: number
}

const cli = path.join(repoRoot, 'packages/local-supabase/bin/local-supabase.js')
const turbo = path.join(repoRoot, 'node_modules/turbo/bin/turbo')

/** Stops a child this part started, by its PID, and waits for it to exit. */
async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  const running = child.exitCode === null && child.signalCode === null
  if (running) child.kill('SIGTERM')
  const timer = running ? setTimeout(() => child.kill('SIGKILL'), 20_000) : undefined
  await exited
  clearTimeout(timer)
}

async function timeToFirstQuery(
  dataDir: string,
  jwksFile: string,
  token: string,
  anonKey: string,
): Promise<number> {
  const [api, db, postgrest] = [await findFreePort(), await findFreePort(), await findFreePort()]
  const started = performance.now()
  // The CLI's own bin, as `pnpm dev` runs it; the PID held is the CLI's, not a wrapper's.
  const child = spawn(process.execPath, [cli], {
    cwd: path.dirname(cli),
    stdio: 'ignore',
    env: childEnv({
      LOCAL_SUPABASE_DATA_DIR: dataDir,
      LOCAL_SUPABASE_JWKS_FILE: jwksFile,
      LOCAL_SUPABASE_API_PORT: String(api),
      LOCAL_SUPABASE_DB_PORT: String(db),
      LOCAL_SUPABASE_POSTGREST_PORT: String(postgrest),
      LOCAL_SUPABASE_PUBLISHABLE_KEY: anonKey,
    }),
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const deadline = started + 120_000
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error('local-supabase exited before serving a query')
      if (performance.now() > deadline)
        throw new Error('local-supabase served no query in 2 minutes')
      try {
        const response = await fetch(`http://127.0.0.1:${api}/rest/v1/tasks?select=id`, {
          headers: { apikey: anonKey, authorization: `Bearer ${token}` },
        })
        if (response.ok) return performance.now() - started
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  } finally {
    await stopChild(child, exited)
  }
}

export async function measureStackStart(
  options: { runs: number },
  progress: Progress,
): Promise<StackStartResult> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'bench-stack-'))
  // Postgres refuses a data directory others can read; its parent must let it in.
  await chmod(workDir, 0o755)
  try {
    const { anonKey } = randomApiKeys()
    const issuer = await createTestIssuer()
    const jwksFile = path.join(workDir, 'jwks.json')
    await writeFile(jwksFile, JSON.stringify(issuer.jwks))
    const token = await issuer.sessionToken({ sub: 'user_bench', expiresIn: 600 })
    const coldMs: number[] = []
    const warmMs: number[] = []
    for (let run = 0; run < options.runs; run++) {
      progress(`local-supabase start, run ${run + 1} of ${options.runs}`)
      const dataDir = path.join(workDir, `data-${run}`)
      coldMs.push(await timeToFirstQuery(dataDir, jwksFile, token, anonKey))
      warmMs.push(await timeToFirstQuery(dataDir, jwksFile, token, anonKey))
    }
    return {
      runs: options.runs,
      coldMs,
      warmMs,
      coldMedianMs: median(coldMs),
      warmMedianMs: median(warmMs),
    }
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
}

export interface RunningDev {
  /** From starting `pnpm dev`'s command to its banner: every service answering. */
  toBannerMs: number
  /** Everything it printed so far. */
  output(): string
  stop(): Promise<void>
}

/**
 * Runs `pnpm dev`'s command (the local secrets, then `turbo run dev`) from the repo root with
 * `env` over this process's, and resolves once its banner is printed. The e2e suite's
 * moved-ports scenario starts `pnpm dev` through this too, so this part runs in every CI.
 */
export async function startDevUntilBanner(options: {
  env: Record<string, string>
  /** Variables of this process the run must not inherit. */
  drop?: string[]
  logFile?: string
}): Promise<RunningDev> {
  const env = childEnv({ ...options.env, TURBO_TELEMETRY_DISABLED: '1' }, options.drop)
  const log = options.logFile ? createWriteStream(options.logFile) : undefined
  const started = performance.now()
  const secrets = spawn(
    process.execPath,
    [path.join(repoRoot, 'packages/local-supabase/bin/ensure-local-secrets.js')],
    { cwd: repoRoot, env, stdio: 'ignore' },
  )
  const secretsCode = await new Promise((resolve) => secrets.once('exit', resolve))
  if (secretsCode !== 0) throw new Error('ensure-local-secrets failed before `turbo run dev`')
  // turbo's npm wrapper forwards SIGTERM to turbo, which stops every task it started.
  const child = spawn(process.execPath, [turbo, 'run', 'dev', '--ui=stream'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // 'close', not 'exit': output can still arrive after the process exits, and the log must
  // not be ended before the last of it.
  const closed = new Promise((resolve) => child.once('close', resolve))
  let output = ''
  const stop = async () => {
    await stopChild(child, closed)
    log?.end()
  }
  try {
    const toBannerMs = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`pnpm dev printed no banner in 5 minutes:\n${output.slice(-3000)}`)),
        300_000,
      )
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        log?.write(chunk)
        if (output.includes(BANNER_TITLE)) {
          clearTimeout(timer)
          resolve(performance.now() - started)
        }
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', onData)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`pnpm dev exited with ${code} before its banner:\n${output.slice(-3000)}`))
      })
    })
    return { toBannerMs, output: () => output, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * `pnpm dev` on free ports and a throwaway database, so it neither collides with nor touches a
 * `pnpm dev` the user has running. Dev servers compile on first request, which the banner waits
 * for, so this includes compiling each app's sign-in page.
 */
export async function measureDevStart(
  options: { runs: number },
  progress: Progress,
): Promise<DevStartResult> {
  const toBannerMs: number[] = []
  for (let run = 0; run < options.runs; run++) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-dev-db-'))
    await chmod(dataDir, 0o755)
    progress(`pnpm dev, waiting for its banner, run ${run + 1} of ${options.runs}`)
    try {
      const dev = await startDevUntilBanner({
        env: { ...(await freeStackPorts()), LOCAL_SUPABASE_DATA_DIR: dataDir },
        // An app pointed elsewhere by the shell would not be the local stack's.
        drop: [...APP_ENV_VARIABLES, 'PORT'],
      })
      await dev.stop()
      toBannerMs.push(dev.toBannerMs)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }
  return { toBannerMs, medianMs: median(toBannerMs) }
}
