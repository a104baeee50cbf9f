import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { type AppliedMigration, applyMigrations, runSeed } from './migrations.ts'
import { migrationsDir as defaultMigrationsDir, seedFile as defaultSeedFile } from './paths.ts'
import { assertPortFree, findFreePort } from './ports.ts'
import {
  PROJECT_OWNER,
  postgresMajorVersion,
  postgresUrl,
  SUPERUSER,
  startPostgres,
} from './postgres.ts'
import { randomPassword } from './random-secrets.ts'

const bootstrapSqlFile = new URL('./sql/bootstrap.sql', import.meta.url)

export interface DatabaseOptions {
  /** A persistent data directory, or omit for a throwaway one deleted on stop. */
  dataDir?: string
  /**
   * The password of `postgres` (the project's owner) and of the superuser. A persistent cluster
   * keeps the one it was created with, so pass the same one every time (the CLI keeps it in
   * .local/supabase-secrets.json). Omitted for a throwaway cluster, a random one is used.
   */
  superuserPassword?: string
  /** A fixed port, or omit for a free one. */
  port?: number
  migrationsDir?: string
  seedFile?: string
  onLog?: (line: string) => void
  /** A line for the person running the stack (default: console.warn). */
  onNotice?: (line: string) => void
}

export interface RunningDatabase {
  /**
   * Connection string for `postgres`, the role a hosted project's owner gets: it owns the
   * project's objects and bypasses RLS, but is not a superuser.
   */
  url: string
  /** Connection string for PostgREST's login role. */
  authenticatorUrl: string
  created: boolean
  appliedMigrations: AppliedMigration[]
  pid: number | undefined
  stop(): Promise<void>
}

/**
 * Postgres with what hosted Supabase provides before the first migration (roles, auth schema,
 * no default grants), then the project's migrations and, on a new cluster, seed.sql, both run
 * as `postgres` as hosted runs them: a migration that needs a superuser fails here too.
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
  if (!throwaway) await setAsideOtherMajor(dataDir, options.onNotice ?? console.warn)

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

  const ownerUrl = postgresUrl(PROJECT_OWNER, superuserPassword, port)
  let client: pg.Client | undefined
  try {
    client = await connectAsSuperuser(postgres.url, dataDir)
    await client.query(await fs.readFile(bootstrapSqlFile, 'utf8'))
    await client.query(
      `alter role authenticator with password ${client.escapeLiteral(authenticatorPassword)}`,
    )
    await client.query(
      `alter role ${PROJECT_OWNER} with password ${client.escapeLiteral(superuserPassword)}`,
    )
    await client.end()
    client = await connect(ownerUrl)
    const appliedMigrations = await applyMigrations(
      client,
      options.migrationsDir ?? defaultMigrationsDir,
    )
    if (postgres.created) await runSeed(client, options.seedFile ?? defaultSeedFile)
    await client.end()
    return {
      url: ownerUrl,
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
 * A cluster made by another Postgres major (local-supabase ran 18 before it matched
 * supabase/config.toml's 17) cannot be opened by this one. It is moved aside, not deleted, and
 * a new cluster is made in its place.
 */
async function setAsideOtherMajor(dataDir: string, notice: (line: string) => void): Promise<void> {
  let version: string
  try {
    version = (await fs.readFile(path.join(dataDir, 'PG_VERSION'), 'utf8')).trim()
  } catch {
    return
  }
  const wanted = String(postgresMajorVersion())
  if (version === wanted) return
  const aside = `${dataDir}.pg${version}-${new Date().toISOString().replace(/[:.]/g, '-')}`
  await fs.rename(dataDir, aside)
  notice(
    `local-supabase: ${dataDir} holds a Postgres ${version} cluster; this stack runs Postgres ${wanted} (supabase/config.toml's major_version). It was moved to ${aside}, untouched, and a new database is being made. Delete the old folder once you no longer need its data.`,
  )
}

/**
 * The superuser is supabase_admin since local-supabase copied hosted's roles. A cluster made
 * before that has no such role and cannot get one safely: say so instead of half-migrating it.
 */
async function connectAsSuperuser(url: string, dataDir: string): Promise<pg.Client> {
  try {
    return await connect(url)
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === '28000' || code === '28P01') {
      throw new Error(
        `Postgres refused ${SUPERUSER}, the superuser local-supabase makes (for \`pnpm dev\`, with the password in .local/supabase-secrets.json): the data directory ${dataDir} was made by an older local-supabase, or with another password. Move it away (or delete it) to start afresh.`,
        { cause: error },
      )
    }
    throw error
  }
}
