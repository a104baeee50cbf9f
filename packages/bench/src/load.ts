// HTTP load through autocannon (src/load-worker.ts), one child process per run, held by PID.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type autocannon from 'autocannon'

export interface LoadOptions {
  url: string
  headers: Record<string, string>
  connections: number
  durationSeconds: number
}

export interface LoadResult {
  connections: number
  /** autocannon records latency in whole milliseconds. */
  p50Ms: number
  p99Ms: number
  requestsPerSecond: number
  requests: number
  non2xx: number
  errors: number
}

const worker = fileURLToPath(new URL('./load-worker.ts', import.meta.url))
const packageDir = fileURLToPath(new URL('..', import.meta.url))

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const settings: autocannon.Options = {
    url: options.url,
    headers: options.headers,
    connections: options.connections,
    duration: options.durationSeconds,
  }
  const child = spawn(process.execPath, ['--import', 'tsx', worker, JSON.stringify(settings)], {
    // Where `--import tsx` resolves.
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`autocannon against ${options.url} failed (${code}):\n${stderr}`)
  const result = JSON.parse(stdout) as autocannon.Result
  return {
    connections: options.connections,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}
