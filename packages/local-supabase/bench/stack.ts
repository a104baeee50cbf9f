// `pnpm bench:stack`: how long `local-supabase start` takes from process start to the first
// successful query through PostgREST, cold (new data dir: initdb + migrations) and warm (restart
// of an existing data dir). Prints medians of 5; the goal is under 3 s cold on 2 cores.
import { spawn } from 'node:child_process'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { childEnv } from '@repo/env/child-env'
import { findFreePort } from '../src/ports.ts'
import { randomApiKeys } from '../src/random-secrets.ts'
import { createTestIssuer } from '../src/testing.ts'

const RUNS = 5
const { anonKey } = randomApiKeys()
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url))
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url))

async function timeToFirstQuery(dataDir: string, jwksFile: string, token: string): Promise<number> {
  const [api, db, postgrest] = [await findFreePort(), await findFreePort(), await findFreePort()]
  const started = performance.now()
  const child = spawn(tsx, [cli], {
    stdio: 'ignore',
    env: childEnv({
      LOCAL_SUPABASE_DATA_DIR: dataDir,
      LOCAL_SUPABASE_JWKS_FILE: jwksFile,
      LOCAL_SUPABASE_API_PORT: String(api),
      LOCAL_SUPABASE_DB_PORT: String(db),
      LOCAL_SUPABASE_POSTGREST_PORT: String(postgrest),
      LOCAL_SUPABASE_ANON_KEY: anonKey,
    }),
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error('local-supabase exited before serving a query')
      try {
        const response = await fetch(`http://127.0.0.1:${api}/rest/v1/tasks?select=id`, {
          headers: {
            apikey: anonKey,
            authorization: `Bearer ${token}`,
          },
        })
        if (response.ok) return performance.now() - started
      } catch {
        // not up yet
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  } finally {
    child.kill('SIGTERM')
    await exited
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

const workDir = await mkdtemp(path.join(os.tmpdir(), 'local-supabase-bench-'))
await chmod(workDir, 0o755)
try {
  const issuer = await createTestIssuer()
  const jwksFile = path.join(workDir, 'jwks.json')
  await writeFile(jwksFile, JSON.stringify(issuer.jwks))
  const token = await issuer.sessionToken({ sub: 'user_bench', expiresIn: 600 })
  const cold: number[] = []
  const warm: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const dataDir = path.join(workDir, `data-${run}`)
    cold.push(await timeToFirstQuery(dataDir, jwksFile, token))
    warm.push(await timeToFirstQuery(dataDir, jwksFile, token))
  }
  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`
  console.log(
    `local-supabase start -> first PostgREST query (${RUNS} runs each, ${os.cpus().length} cores)`,
  )
  console.log(
    `  cold (new data dir): median ${fmt(median(cold))}  runs: ${cold.map(fmt).join(', ')}`,
  )
  console.log(
    `  warm (restart):      median ${fmt(median(warm))}  runs: ${warm.map(fmt).join(', ')}`,
  )
  console.log(`  goal: cold under 3 s -> ${median(cold) < 3000 ? 'met' : 'NOT met'}`)
} finally {
  await rm(workDir, { recursive: true, force: true })
}
