// Supabase's own tools on the migrated schema: the linter (splinter, via `supabase db advisors`)
// must find nothing, and the CLI must read the same migration history local-supabase applied.
// The CLI talks to Postgres by connection string, so it runs here without Docker.
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { privileges } from '@repo/db/privileges'
import { childEnv } from '@repo/env/child-env'
import {
  type LocalSupabase,
  migrationsDir,
  type RunningDatabase,
  repoRoot,
  startLocalSupabase,
  startMigratedDatabase,
} from '@repo/local-supabase'
import { createTestIssuer } from '@repo/local-supabase/testing'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { privilegeProblems } from './support/privileges.ts'

const cli = path.join(
  path.dirname(createRequire(import.meta.url).resolve('supabase/package.json')),
  'dist/supabase.js',
)

interface CliResult {
  code: number
  stdout: string
  stderr: string
}

async function supabase(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], {
      env: childEnv({ SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' }),
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}

let stack: LocalSupabase
let dbUrl: string

beforeAll(async () => {
  const issuer = await createTestIssuer()
  stack = await startLocalSupabase({ trustedJwks: { jwks: issuer.jwks }, onLog: () => undefined })
  // The local Postgres has no TLS; the CLI tries it first otherwise.
  dbUrl = `${stack.dbUrl}?sslmode=disable`
})

afterAll(async () => {
  await stack?.stop()
})

const advisors = (url = dbUrl) =>
  supabase('db', 'advisors', '--db-url', url, '--type', 'all', '--fail-on', 'warn')

describe('the Supabase CLI on the migrated local database', () => {
  it('finds no security or performance advisory at level warn or above', async () => {
    const result = await advisors()
    expect(result.stdout.trim(), result.stderr).toBe('')
    expect(result.code, result.stderr).toBe(0)
  })

  it('lists every migration as applied, locally and in the database', async () => {
    const files = (await readdir(migrationsDir)).filter((file) => file.endsWith('.sql')).sort()
    const result = await supabase('migration', 'list', '--db-url', dbUrl)
    expect(result.code, result.stderr).toBe(0)
    const rows = result.stdout
      .split('\n')
      .map((line) => line.match(/^\s*`?(\d{14})`?\s*\|\s*`?(\d{14})?`?\s*\|/))
      .filter((match) => match !== null)
      .map(([, local, remote]) => ({ local, remote }))
    expect(rows).toEqual(
      files.map((file) => ({ local: file.slice(0, 14), remote: file.slice(0, 14) })),
    )
  })

  it('sees the schemas the data API exposes, as on hosted Supabase', async () => {
    const db = new pg.Client({ connectionString: stack.dbUrl })
    await db.connect()
    try {
      const { rows } = await db.query(`select current_setting('pgrst.db_schemas', true) as schemas`)
      expect(rows).toEqual([{ schemas: 'public' }])
    } finally {
      await db.end()
    }
  })

  // Proof that the advisors really look: the most common mistake, a public table without RLS.
  it('fails on a public table without row level security', async () => {
    const db = new pg.Client({ connectionString: stack.dbUrl })
    await db.connect()
    try {
      await db.query('create table public.leaky (id bigint primary key, secret text)')
      await db.query('create view public.leaky_view as select * from public.tasks')
      // Hosted grants the API roles nothing on a new table or view: this is how one gets exposed.
      await db.query('grant select on public.leaky, public.leaky_view to anon, authenticated')
      const result = await advisors()
      expect(result.code).not.toBe(0)
      expect(result.stdout).toContain('rls_disabled_in_public')
      expect(result.stdout).toContain('public.leaky')
      expect(result.stdout).toContain('security_definer_view')
    } finally {
      await db.query('drop view if exists public.leaky_view')
      await db.query('drop table if exists public.leaky')
      await db.end()
    }
  })
})

// The route a hosted user takes: the CLI's own `db push`, as `postgres` (not a superuser), onto a
// database with nothing but hosted's bootstrap. It must apply every migration, leave the linter
// quiet and every grant as the manifest says, as local-supabase's own migrate does.
describe('supabase db push onto a fresh hosted-like database', () => {
  let fresh: RunningDatabase
  let emptyDir: string
  let freshUrl: string
  beforeAll(async () => {
    emptyDir = await mkdtemp(path.join(os.tmpdir(), 'no-migrations-'))
    fresh = await startMigratedDatabase({
      migrationsDir: emptyDir,
      seedFile: path.join(emptyDir, 'none.sql'),
      onLog: () => undefined,
    })
    freshUrl = `${fresh.url}?sslmode=disable`
  })
  afterAll(async () => {
    await fresh?.stop()
    await rm(emptyDir, { recursive: true, force: true })
  })

  it('applies every migration, and the advisors and the privilege manifest find nothing', async () => {
    const push = await supabase('db', 'push', '--db-url', freshUrl, '--workdir', repoRoot, '--yes')
    expect(push.code, `${push.stdout}\n${push.stderr}`).toBe(0)
    const files = (await readdir(migrationsDir)).filter((file) => file.endsWith('.sql')).sort()
    for (const file of files)
      expect(push.stdout + push.stderr).toContain(`Applying migration ${file}`)

    const lint = await advisors(freshUrl)
    expect(lint.stdout.trim(), lint.stderr).toBe('')
    expect(lint.code, lint.stderr).toBe(0)

    const db = new pg.Client({ connectionString: fresh.url })
    await db.connect()
    try {
      expect(await privilegeProblems(db, privileges)).toEqual([])
    } finally {
      await db.end()
    }
  })
})
