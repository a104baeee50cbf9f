import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MigrationError, startMigratedDatabase } from '../src/index.ts'

let workDir: string
let migrationsDir: string
let dataDir: string
const superuserPassword = 'a-password-kept-for-this-dir'
let seedFile: string
const quiet = () => undefined

beforeEach(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'local-supabase-migrations-'))
  // mkdtemp makes 0700 folders; Postgres (run as the postgres user under root) must enter it.
  await chmod(workDir, 0o755)
  migrationsDir = path.join(workDir, 'migrations')
  dataDir = path.join(workDir, 'data')
  seedFile = path.join(workDir, 'seed.sql')
  await mkdir(migrationsDir)
  await writeFile(
    path.join(migrationsDir, '20260101000000_notes.sql'),
    'create table notes (id int primary key, body text);',
  )
  await writeFile(seedFile, "insert into notes values (1, 'seeded');")
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

const ledger = (url: string) =>
  query<{ version: string; name: string }>(
    url,
    'select version, name from supabase_migrations.schema_migrations order by version',
  )

describe('migrations with a ledger', () => {
  it('a restart keeps the data and applies only new migrations; seed runs once', async () => {
    const options = { dataDir, superuserPassword, migrationsDir, seedFile, onLog: quiet }
    const first = await startMigratedDatabase(options)
    expect(first.created).toBe(true)
    expect(first.appliedMigrations.map((m) => m.file)).toEqual(['20260101000000_notes.sql'])
    await query(first.url, "insert into notes values (2, 'written by a user')")
    await first.stop()

    await writeFile(
      path.join(migrationsDir, '20260102000000_add_done.sql'),
      'alter table notes add column done boolean not null default false;',
    )
    const second = await startMigratedDatabase(options)
    try {
      expect(second.created).toBe(false)
      expect(second.appliedMigrations.map((m) => m.file)).toEqual(['20260102000000_add_done.sql'])
      expect(await query(second.url, 'select id, body, done from notes order by id')).toEqual([
        { id: 1, body: 'seeded', done: false },
        { id: 2, body: 'written by a user', done: false },
      ])
      expect(await ledger(second.url)).toEqual([
        { version: '20260101000000', name: 'notes' },
        { version: '20260102000000', name: 'add_done' },
      ])
    } finally {
      await second.stop()
    }
  })

  it('a failing migration names its file and leaves schema and ledger unchanged', async () => {
    await writeFile(
      path.join(migrationsDir, '20260103000000_broken.sql'),
      'create table half_done (id int);\nalter table no_such_table add column x int;',
    )
    const failure = await startMigratedDatabase({ migrationsDir, seedFile, onLog: quiet }).catch(
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(MigrationError)
    expect((failure as Error).message).toContain('20260103000000_broken.sql')
    expect((failure as Error).message).toContain('relation "no_such_table" does not exist')

    // Run the same files against a persistent dir to look inside after the failure.
    const persistent = { dataDir, superuserPassword, migrationsDir, seedFile, onLog: quiet }
    await expect(startMigratedDatabase(persistent)).rejects.toThrow(MigrationError)
    await rm(path.join(migrationsDir, '20260103000000_broken.sql'))
    const db = await startMigratedDatabase(persistent)
    try {
      expect(await ledger(db.url)).toEqual([{ version: '20260101000000', name: 'notes' }])
      expect(await query(db.url, "select to_regclass('public.half_done') as t")).toEqual([
        { t: null },
      ])
    } finally {
      await db.stop()
    }
  })

  it('run as postgres, not a superuser, as on hosted: a migration that needs one fails', async () => {
    await writeFile(
      path.join(migrationsDir, '20260103000000_needs_superuser.sql'),
      'create role migration_made_superuser superuser;',
    )
    const failure = await startMigratedDatabase({ migrationsDir, seedFile, onLog: quiet }).catch(
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(MigrationError)
    expect((failure as Error).message).toContain('20260103000000_needs_superuser.sql')
    expect((failure as Error).message).toMatch(/permission denied/)
  })

  it('leave the tables a migration makes owned by postgres, with nothing granted to the API roles', async () => {
    const db = await startMigratedDatabase({ migrationsDir, seedFile, onLog: quiet })
    try {
      expect(
        await query(
          db.url,
          `select current_user as who, r.rolsuper as superuser, r.rolbypassrls as bypassrls,
                  pg_get_userbyid(c.relowner) as owner,
                  has_table_privilege('anon', c.oid, 'select') as anon,
                  has_table_privilege('authenticated', c.oid, 'select') as authenticated,
                  has_table_privilege('service_role', c.oid, 'select') as service_role
             from pg_class c, pg_roles r
            where c.oid = 'public.notes'::regclass and r.rolname = current_user`,
        ),
      ).toEqual([
        {
          who: 'postgres',
          superuser: false,
          bypassrls: true,
          owner: 'postgres',
          anon: false,
          authenticated: false,
          service_role: false,
        },
      ])
    } finally {
      await db.stop()
    }
  })

  it('role attributes, memberships and timeouts as on a hosted project', async () => {
    const db = await startMigratedDatabase({ migrationsDir, seedFile, onLog: quiet })
    try {
      const roles = await query(
        db.url,
        `select rolname as name, rolsuper as super, rolinherit as inherit, rolcreaterole as createrole,
                rolcreatedb as createdb, rolcanlogin as login, rolreplication as replication,
                rolbypassrls as bypassrls, coalesce(rolconfig, '{}') as config
           from pg_roles
          where rolname in ('postgres', 'anon', 'authenticated', 'service_role', 'authenticator')
          order by rolname`,
      )
      const role = (name: string, attributes: string[], config: string[] = []) => ({
        name,
        ...Object.fromEntries(
          ['super', 'inherit', 'createrole', 'createdb', 'login', 'replication', 'bypassrls'].map(
            (attribute) => [attribute, attributes.includes(attribute)],
          ),
        ),
        config,
      })
      expect(roles).toEqual([
        role('anon', ['inherit'], ['statement_timeout=3s']),
        role('authenticated', ['inherit'], ['statement_timeout=8s']),
        role(
          'authenticator',
          ['login'],
          ['statement_timeout=8s', 'lock_timeout=8s', 'pgrst.db_schemas=public'],
        ),
        role(
          'postgres',
          ['inherit', 'createrole', 'createdb', 'login', 'replication', 'bypassrls'],
          ['search_path="$user", public, extensions'],
        ),
        role('service_role', ['inherit', 'bypassrls']),
      ])
      expect(
        await query(
          db.url,
          `select r.rolname as role, m.admin_option as admin
             from pg_auth_members m join pg_roles r on r.oid = m.roleid
            where m.member = 'postgres'::regrole order by 1`,
        ),
      ).toEqual(
        [
          'anon',
          'authenticated',
          'authenticator',
          'pg_monitor',
          'pg_read_all_data',
          'pg_signal_backend',
          'service_role',
        ].map((role) => ({ role, admin: true })),
      )
    } finally {
      await db.stop()
    }
  })
})
