import fs from 'node:fs/promises'
import path from 'node:path'
import type pg from 'pg'

export class MigrationError extends Error {
  override name = 'MigrationError'
  readonly file: string
  constructor(file: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause)
    super(
      `Migration ${file} failed: ${detail}. Nothing from this file was applied and the migration ledger is unchanged; fix the file (or the schema it came from) and start again.`,
      { cause },
    )
    this.file = file
  }
}

export interface AppliedMigration {
  version: string
  name: string
  file: string
}

/** Supabase CLI file names: `<version>_<name>.sql`, applied in version order. */
export async function listMigrationFiles(dir: string): Promise<AppliedMigration[]> {
  let entries: string[]
  try {
    entries = await fs.readdir(dir)
  } catch {
    return []
  }
  return entries
    .filter((file) => /^\d+_.+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const [version = '', ...rest] = file.replace(/\.sql$/, '').split('_')
      return { version, name: rest.join('_'), file }
    })
}

/**
 * Applies every migration in `dir` not yet in the Supabase CLI ledger
 * (supabase_migrations.schema_migrations), each in its own transaction with its ledger row,
 * so a failure leaves both the schema and the ledger as they were.
 */
export async function applyMigrations(client: pg.Client, dir: string): Promise<AppliedMigration[]> {
  await client.query(`create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (
      version text primary key, statements text[], name text)`)
  const { rows } = await client.query<{ version: string }>(
    'select version from supabase_migrations.schema_migrations',
  )
  const done = new Set(rows.map((row) => row.version))
  const applied: AppliedMigration[] = []
  for (const migration of await listMigrationFiles(dir)) {
    if (done.has(migration.version)) continue
    const sql = await fs.readFile(path.join(dir, migration.file), 'utf8')
    try {
      await client.query('begin')
      await client.query(sql)
      await client.query(
        'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
        [migration.version, migration.name, [sql]],
      )
      await client.query('commit')
    } catch (error) {
      await client.query('rollback').catch(() => undefined)
      throw new MigrationError(migration.file, error)
    }
    applied.push(migration)
  }
  if (applied.length > 0) {
    // PostgREST caches the schema; tell a running one to reload it.
    await client.query(`notify pgrst, 'reload schema'`)
  }
  return applied
}

/** Runs a seed file if it exists and holds more than comments. */
export async function runSeed(client: pg.Client, file: string): Promise<boolean> {
  let sql: string
  try {
    sql = await fs.readFile(file, 'utf8')
  } catch {
    return false
  }
  const meaningful = sql.replace(/--.*$/gm, '').trim()
  if (!meaningful) return false
  try {
    await client.query(sql)
  } catch (error) {
    throw new MigrationError(path.basename(file), error)
  }
  return true
}
