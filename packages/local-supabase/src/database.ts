import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { type AppliedMigration, applyMigrations, runSeed } from './migrations.ts'
import { migrationsDir as defaultMigrationsDir, seedFile as defaultSeedFile } from './paths.ts'
import { assertPortFree, findFreePort } from './ports.ts'
import { postgresUrl, SUPERUSER, startPostgres } from './postgres.ts'
import { randomPassword } from './random-secrets.ts'

const bootstrapSqlFile = new URL('./sql/bootstrap.sql', import.meta.url)

export interface DatabaseOptions {
  /** A persistent data directory, or omit for a throwaway one deleted on stop. */
  dataDir?: string
  /**
   * The superuser's password. A persistent cluster keeps the one it was created with, so pass
   * the same one every time (the CLI keeps it in .local/supabase-secrets.json). Omitted for a
   * throwaway cluster, a random one is used.
   */
  superuserPassword?: string
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
  if (!throwaway && !options.superuserPassword) {
    throw new Error(
      `A persistent database (${options.dataDir}) needs the superuserPassword it was created with.`,
    )
  }
  const superuserPassword = options.superuserPassword ?? randomPassword()
  // PostgREST's login role gets a fresh password on every start; only PostgREST needs it.
  const authenticatorPassword = randomPassword()
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
      superuserPassword,
      onLog: options.onLog,
    })
  } catch (error) {
    await removeThrowaway()
    throw error
  }
  const stop = async () => {
    await postgres.stop()
    await removeThrowaway()
  }

  let client: pg.Client | undefined
  try {
    client = postgres.created
      ? await connect(postgres.url)
      : await connectRotatingLegacyPassword(postgres.url, port, superuserPassword)
    await client.query(await fs.readFile(bootstrapSqlFile, 'utf8'))
    await client.query(
      `alter role authenticator with password ${client.escapeLiteral(authenticatorPassword)}`,
    )
    const appliedMigrations = await applyMigrations(
      client,
      options.migrationsDir ?? defaultMigrationsDir,
    )
    if (postgres.created) await runSeed(client, options.seedFile ?? defaultSeedFile)
    await client.end()
    return {
      url: postgres.url,
      authenticatorUrl: postgresUrl('authenticator', authenticatorPassword, port),
      created: postgres.created,
      appliedMigrations,
      pid: postgres.pid,
      stop,
    }
  } catch (error) {
    await client?.end().catch(() => undefined)
    await stop()
    throw error
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  // A connection dropped by a stopping server must not become an uncaught 'error' event.
  client.on('error', () => undefined)
  await client.connect()
  return client
}

/**
 * Clusters created before local-supabase generated passwords have the superuser password
 * "postgres". Such a cluster gets the given password on its first start with it.
 */
async function connectRotatingLegacyPassword(
  url: string,
  port: number,
  password: string,
): Promise<pg.Client> {
  try {
    return await connect(url)
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error
    const legacy = await connect(postgresUrl(SUPERUSER, 'postgres', port)).catch(() => {
      throw new Error(
        'Postgres refused the superuser password (for `pnpm dev`, the one in .local/supabase-secrets.json): the data directory was created with another one. Restore that file, or delete the data directory to start afresh.',
      )
    })
    await legacy.query(`alter role ${SUPERUSER} with password ${legacy.escapeLiteral(password)}`)
    await legacy.end()
    return connect(url)
  }
}
