// A new database is a copy of a migrated template, built once per set of migrations: these are
// the checks that a copy is the database the migrations make, that it is this stack's alone
// (its own passwords, its own rows), and that many starts at once on an empty cache agree.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UNFINISHED_COPY } from '../src/database.ts'
import { type RunningDatabase, startMigratedDatabase } from '../src/index.ts'
import { copyTemplate, defaultTemplateRoot, templateKey } from '../src/template.ts'

let workDir: string
let templates: string
let migrationsDir: string
let seedFile: string
const quiet = () => undefined
const startFixture = path.join(import.meta.dirname, 'fixtures', 'start-database.ts')

// A random value made by the migration: a database that ran the migrations again would differ.
// Each run also writes a line to the server's log, which reaches onLog: runs can be counted.
const RAN = 'template test: the stamp migration ran'
const STAMP = `create table stamp as select gen_random_uuid() as id;
do $$ begin raise log '${RAN}'; end $$;`
// The log line itself, not the STATEMENT line after it that quotes the migration.
const RAN_LINE = `LOG:  ${RAN}`

beforeEach(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'local-supabase-template-'))
  // Postgres (run as the postgres user under root) must enter it.
  await chmod(workDir, 0o755)
  templates = path.join(workDir, 'templates')
  migrationsDir = path.join(workDir, 'migrations')
  seedFile = path.join(workDir, 'seed.sql')
  await mkdir(migrationsDir)
  await writeFile(path.join(migrationsDir, '20260101000000_stamp.sql'), STAMP)
})

afterEach(async () => {
  await rm(workDir, { recursive: true, force: true })
})

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(sql)).rows
  } finally {
    await client.end()
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

const withPassword = (url: string, user: string, password: string) => {
  const parsed = new URL(url)
  parsed.username = user
  parsed.password = password
  return parsed.toString()
}

/** initdb gives every cluster its own identifier: a copy keeps its template's. */
async function fingerprint(database: RunningDatabase) {
  const [row] = await query<{ cluster: string; stamp: string }>(
    database.url,
    `select (select system_identifier::text from pg_control_system()) as cluster,
            (select id::text from public.stamp) as stamp`,
  )
  if (!row) throw new Error('no row')
  return row
}

/** What the templates folder holds (one folder per boot, then one entry per template). */
async function cacheEntries(): Promise<string[]> {
  const boots = await readdir(templates)
  expect(boots).toHaveLength(1)
  return (await readdir(path.join(templates, boots[0] ?? ''))).sort()
}

/** How often the stamp migration ran, in any start of this file's process. */
let migrationRuns = 0
const countRuns = (line: string) => {
  migrationRuns += line.split(RAN_LINE).length - 1
}
beforeEach(() => {
  migrationRuns = 0
})

/** A start with this test's own (at first empty) templates folder. */
const start = () => startMigratedDatabase({ templates, migrationsDir, seedFile, onLog: countRuns })
/** A start with the default templates folder, shared with other tests and runs. */
const startShared = () => startMigratedDatabase({ migrationsDir, seedFile, onLog: quiet })

/** The template.json of a published template, in whichever boot's folder holds it. */
async function templateFile(
  root: string,
  key: string,
): Promise<{ superuserPassword: string; entries: number }> {
  for (const boot of await readdir(root)) {
    const file = path.join(root, boot, key, 'template.json')
    if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8'))
  }
  throw new Error(`no template ${key} in ${root}`)
}

describe('a new database from the template', () => {
  it('is a copy of the migrated template, built once: not initdb and the migrations again', async () => {
    const first = await start()
    const one = await fingerprint(first).finally(() => first.stop())
    expect(first.template?.built).toBe(true)
    expect(first.created).toBe(true)
    expect(first.appliedMigrations.map((m) => m.file)).toEqual(['20260101000000_stamp.sql'])

    expect(migrationRuns).toBe(1)

    const second = await start()
    try {
      expect(migrationRuns).toBe(1)
      expect(second.template).toEqual({ key: first.template?.key, built: false })
      expect(second.appliedMigrations.map((m) => m.file)).toEqual(['20260101000000_stamp.sql'])
      // The same cluster (no second initdb) with the same migrated row (no second migration run).
      expect(await fingerprint(second)).toEqual(one)
      expect(await cacheEntries()).toEqual([first.template?.key])
    } finally {
      await second.stop()
    }
  })

  it('is the stack’s own: its passwords, not the template’s or another copy’s, and its rows', async () => {
    const a = await startShared()
    const b = await startShared()
    try {
      const { superuserPassword: templatePassword } = await templateFile(
        defaultTemplateRoot(),
        a.template?.key ?? '',
      )
      const passwordOf = (url: string) => decodeURIComponent(new URL(url).password)
      for (const [database, other] of [
        [a, b],
        [b, a],
      ] as const) {
        expect(await canConnect(database.url)).toBe(true)
        expect(await canConnect(database.authenticatorUrl)).toBe(true)
        for (const role of ['supabase_admin', 'postgres', 'authenticator']) {
          expect(await canConnect(withPassword(database.url, role, templatePassword))).toBe(false)
          expect(await canConnect(withPassword(database.url, role, passwordOf(other.url)))).toBe(
            false,
          )
        }
        expect(
          await canConnect(
            withPassword(database.url, 'authenticator', passwordOf(other.authenticatorUrl)),
          ),
        ).toBe(false)
      }
      await query(a.url, `insert into stamp values (gen_random_uuid())`)
      expect(await query(a.url, 'select count(*)::int as n from stamp')).toEqual([{ n: 2 }])
      expect(await query(b.url, 'select count(*)::int as n from stamp')).toEqual([{ n: 1 }])
    } finally {
      await a.stop()
      await b.stop()
    }
    // Nor does a copy write back into the template.
    const c = await startShared()
    try {
      expect(await query(c.url, 'select count(*)::int as n from stamp')).toEqual([{ n: 1 }])
    } finally {
      await c.stop()
    }
  })

  it('changes with a migration’s content: another key, a database with the change', async () => {
    const file = path.join(migrationsDir, '20260102000000_notes.sql')
    await writeFile(file, 'create table notes (id int primary key);')
    const columns = (database: RunningDatabase) =>
      query<{ column_name: string }>(
        database.url,
        `select column_name from information_schema.columns
          where table_name = 'notes' order by ordinal_position`,
      )
    const before = await start()
    expect(await columns(before).finally(() => before.stop())).toEqual([{ column_name: 'id' }])

    await writeFile(file, 'create table notes (id int primary key, body text);')
    const after = await start()
    try {
      expect(after.template?.key).not.toBe(before.template?.key)
      expect(after.template?.built).toBe(true)
      expect(await columns(after)).toEqual([{ column_name: 'id' }, { column_name: 'body' }])
    } finally {
      await after.stop()
    }
  })

  it('has a key that covers each migration’s name and content and seed.sql, and nothing else there', async () => {
    const inputs = { migrationsDir, seedFile }
    const base = await templateKey(inputs)
    expect(await templateKey(inputs)).toBe(base)

    await writeFile(path.join(migrationsDir, 'README.md'), 'not a migration')
    expect(await templateKey(inputs)).toBe(base)

    await writeFile(seedFile, "insert into stamp values ('00000000-0000-0000-0000-000000000000');")
    const seeded = await templateKey(inputs)
    expect(seeded).not.toBe(base)

    await writeFile(path.join(migrationsDir, '20260101000000_stamp.sql'), `${STAMP}\n-- edited`)
    const edited = await templateKey(inputs)
    expect(new Set([base, seeded, edited]).size).toBe(3)

    await rm(path.join(migrationsDir, '20260101000000_stamp.sql'))
    await writeFile(path.join(migrationsDir, '20260101000001_stamp.sql'), `${STAMP}\n-- edited`)
    expect(await templateKey(inputs)).not.toBe(edited)
  })

  it('seeds a new persistent data directory once; a restart keeps its data and passwords', async () => {
    const dataDir = path.join(workDir, 'data')
    const options = {
      dataDir,
      superuserPassword: 'kept-for-this-dir',
      migrationsDir,
      seedFile,
      onLog: quiet,
    }
    const first = await startMigratedDatabase(options)
    expect(first.created).toBe(true)
    expect(first.template?.key).toMatch(/^[0-9a-f]{32}$/)
    await query(first.url, 'insert into stamp values (gen_random_uuid())')
    await first.stop()

    const second = await startMigratedDatabase(options)
    try {
      expect(second.created).toBe(false)
      expect(second.template).toBeUndefined()
      expect(await query(second.url, 'select count(*)::int as n from stamp')).toEqual([{ n: 2 }])
    } finally {
      await second.stop()
    }
  })
})

describe('a template that lost files', () => {
  it('(as a cleaner of old files in the temp folder leaves it) is built again, not copied', async () => {
    const first = await start()
    await first.stop()
    const boot = (await readdir(templates))[0] ?? ''
    await rm(path.join(templates, boot, first.template?.key ?? '', 'data', 'global', 'pg_control'))

    const second = await start()
    try {
      expect(migrationRuns).toBe(2)
      expect(second.template).toEqual({ key: first.template?.key, built: true })
      expect((await fingerprint(second)).stamp).toMatch(/^[0-9a-f-]{36}$/)
    } finally {
      await second.stop()
    }
  })
})

describe('a persistent copy whose start died before it had its passwords', () => {
  it('is deleted and copied again by the next start', async () => {
    const dataDir = path.join(workDir, 'data')
    const options = { dataDir, superuserPassword: 'kept-for-this-dir', migrationsDir, seedFile }
    // The template, then what a start killed between its copy and its passwords leaves.
    const made = await startMigratedDatabase({ ...options, dataDir: path.join(workDir, 'first') })
    await made.stop()
    const key = made.template?.key ?? ''
    const boot = (await readdir(defaultTemplateRoot())).find((name) =>
      existsSync(path.join(defaultTemplateRoot(), name, key)),
    )
    const template = {
      ...(await templateFile(defaultTemplateRoot(), key)),
      key,
      dataDir: path.join(defaultTemplateRoot(), boot ?? '', key, 'data'),
      migrations: [],
      built: false,
    }
    await copyTemplate(template, dataDir, UNFINISHED_COPY)

    const database = await startMigratedDatabase({ ...options, onLog: quiet })
    try {
      expect(database.created).toBe(true)
      expect(await query(database.url, 'select count(*)::int as n from stamp')).toEqual([{ n: 1 }])
      expect(existsSync(path.join(dataDir, UNFINISHED_COPY))).toBe(false)
    } finally {
      await database.stop()
    }
  })
})

/** What a start saw: the cluster, the migration's row, the template, the migration's runs. */
interface Seen {
  cluster: string
  stamp: string
  template: RunningDatabase['template']
  migrationRuns: number
}

/** Starts a database in another process, as another vitest worker or turbo task does. */
function startElsewhere(): { child: ChildProcess; result: Promise<Seen> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', startFixture, templates, migrationsDir, seedFile, RAN_LINE],
    { cwd: path.dirname(import.meta.dirname), stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  let err = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString()
  })
  const result = new Promise<Seen>((resolve, reject) => {
    child.once('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as Seen)
      else reject(new Error(`start-database exited with ${code}:\n${err}`))
    })
  })
  return { child, result }
}

/** The PID of the Postgres a build runs (wherever it builds), once one runs. */
async function buildingPostmaster(): Promise<number> {
  for (;;) {
    const boots = existsSync(templates) ? await readdir(templates) : []
    for (const boot of boots) {
      for (const name of await readdir(path.join(templates, boot))) {
        const pidFile = path.join(templates, boot, name, 'data', 'postmaster.pid')
        const pid = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10)
        if (pid > 0) return pid
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('many starts at once on an empty cache', () => {
  it('all succeed from one build, and agree', async () => {
    const inThisProcess = async (): Promise<Seen> => {
      const database = await start()
      try {
        return { ...(await fingerprint(database)), template: database.template, migrationRuns: 0 }
      } finally {
        await database.stop()
      }
    }
    const results = await Promise.all([
      ...Array.from({ length: 3 }, () => startElsewhere().result),
      inThisProcess(),
      inThisProcess(),
    ])
    expect(new Set(results.map((r) => JSON.stringify([r.cluster, r.stamp]))).size).toBe(1)
    expect(new Set(results.map((r) => r.template?.key)).size).toBe(1)
    expect(results.filter((r) => r.template?.built)).toHaveLength(1)
    // One build in all: the migrations ran once, in one of the processes.
    expect(results.reduce((sum, r) => sum + r.migrationRuns, migrationRuns)).toBe(1)
    // Nothing left but the template: no lock, no build folder.
    expect(await cacheEntries()).toEqual([results[0]?.template?.key])
  })

  it('a build killed halfway leaves nothing a later start uses', async () => {
    // Slow enough that the kill lands while the migrations run.
    await writeFile(path.join(migrationsDir, '20260102000000_slow.sql'), 'select pg_sleep(1);')
    const { child, result } = startElsewhere()
    result.catch(() => undefined)
    const postmasterPid = await buildingPostmaster()
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('close', resolve))
    // Its Postgres would outlive it; stop that too, as a crash of the machine would.
    process.kill(postmasterPid, 'SIGKILL')

    const database = await start()
    try {
      expect(database.template?.built).toBe(true)
      expect(database.appliedMigrations.map((m) => m.file)).toEqual([
        '20260101000000_stamp.sql',
        '20260102000000_slow.sql',
      ])
      expect((await fingerprint(database)).stamp).toMatch(/^[0-9a-f-]{36}$/)
      // The dead build's folder and lock are cleaned away.
      expect(await cacheEntries()).toEqual([database.template?.key])
    } finally {
      await database.stop()
    }
  })
})
