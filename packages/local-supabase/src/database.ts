import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { type AppliedMigration, applyMigrations, runSeed } from './migrations.ts'
import { migrationsDir as defaultMigrationsDir, seedFile as defaultSeedFile } from './paths.ts'
import { assertPortFree, findFreePort } from './ports.ts'
import { startPostgres } from './postgres.ts'

const bootstrapSqlFile = new URL('./sql/bootstrap.sql', import.meta.url)

export interface DatabaseOptions {
  /** A persistent data directory, or omit for a throwaway one deleted on stop. */
  dataDir?: string
  /** A fixed port, or omit for a free one. */
  port?: number
  migrationsDir?: string
  seedFile?: string
  onLog?: (line: string) => void
}

export interface RunningDatabase {
  /** Superuser connection string. */
  url: string
  /** Connection string for PostgREST's login role. */
  authenticatorUrl: string
  created: boolean
  appliedMigrations: AppliedMigration[]
  pid: number | undefined
  stop(): Promise<void>
}

/**
 * Postgres with what Supabase provides before the first migration (roles, auth schema, grants),
 * then the project's migrations, then seed.sql on a new cluster.
 */
export async function startMigratedDatabase(
  options: DatabaseOptions = {},
): Promise<RunningDatabase> {
  const throwaway = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'local-supabase-')))
  const removeThrowaway = () =>
    throwaway ? fs.rm(dataDir, { recursive: true, force: true }) : Promise.resolve()
  const port = options.port ?? (await findFreePort())
  await assertPortFree(port, 'Postgres', 'LOCAL_SUPABASE_DB_PORT')

  let postgres: Awaited<ReturnType<typeof startPostgres>>
  try {
    postgres = await startPostgres({
      dataDir,
      port,
      durable: !throwaway,
      ...(options.onLog ? { onLog: options.onLog } : {}),
    })
  } catch (error) {
    await removeThrowaway()
    throw error
  }
  const stop = async () => {
    await postgres.stop()
    await removeThrowaway()
  }

  const client = new pg.Client({ connectionString: postgres.url })
  // A connection dropped by a stopping server must not become an uncaught 'error' event.
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query(await fs.readFile(bootstrapSqlFile, 'utf8'))
    const appliedMigrations = await applyMigrations(
      client,
      options.migrationsDir ?? defaultMigrationsDir,
    )
    if (postgres.created) await runSeed(client, options.seedFile ?? defaultSeedFile)
    await client.end()
    return {
      url: postgres.url,
      authenticatorUrl: postgres.url.replace('postgres:postgres@', 'authenticator:postgres@'),
      created: postgres.created,
      appliedMigrations,
      pid: postgres.pid,
      stop,
    }
  } catch (error) {
    await client.end().catch(() => undefined)
    await stop()
    throw error
  }
}
