// The server-rendered and client parts measure the production builds, so they build first, as
// `pnpm build:local` does (the local secrets, then turbo; a cache hit when nothing changed).
import { spawn } from 'node:child_process'
import path from 'node:path'
import { repoRoot } from '@repo/dev-stack/testing'
import { childEnv } from '@repo/env/child-env'

async function run(args: string[]): Promise<void> {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: childEnv({ TURBO_TELEMETRY_DISABLED: '1' }),
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0)
    throw new Error(`${args.map((arg) => path.basename(arg)).join(' ')} exited with ${code}`)
}

export async function buildApps(): Promise<void> {
  await run([path.join(repoRoot, 'packages/local-supabase/bin/ensure-local-secrets.js')])
  await run([
    path.join(repoRoot, 'node_modules/turbo/bin/turbo'),
    'run',
    'build:local',
    '--filter=./apps/*',
    '--output-logs=errors-only',
    '--ui=stream',
  ])
}
