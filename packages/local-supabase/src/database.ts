import { existsSync } from 'node:fs'
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
  type RunningPostgres,
  SUPERUSER,
  startPostgres,
} from './postgres.ts'
import { randomPassword } from './random-secrets.ts'
import { copyTemplate, ensureTemplate, TemplateGoneError } from './template.ts'

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
  /**
   * Where the migrated template a new database is copied from is kept (see template.ts; default:
   * a folder in the OS temp folder). `false` makes the new database with initdb and the
   * migrations, without a template.
   */
  templates?: string | false
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
  /** The migrations this start applied; for a new database, every one (in its template). */
  appliedMigrations: AppliedMigration[]
  /**
   * The template a new database was copied from (its key, and whether this start built it);
   * undefined for an existing data directory, or with `templates: false`.
   */
  template: { key: string; built: boolean } | undefined
  pid: number | undefined
  stop(): Promise<void>
}

/**
 * Postgres with what hosted Supabase provides before the first migration (roles, auth schema,
 * no default grants), then the project's migrations and, on a new cluster, seed.sql, both run
 * as `postgres` as hosted runs them: a migration that needs a superuser fails here too.
 *
 * A new cluster is a copy of a template that has all of that done (template.ts), built once per
 * set of migrations; it then gets this start's own passwords. An existing data directory is
 * started as it is, and gets the bootstrap again and the migrations it has not had.
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
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir
  const seedFile = options.seedFile ?? defaultSeedFile
  if (options.port !== undefined) {
    await assertPortFree(options.port, 'Postgres', 'LOCAL_SUPABASE_DB_PORT')
  }
  if (options.dataDir !== undefined) {
    await setAsideOtherMajor(options.dataDir, options.onNotice ?? console.warn)
    await removeUnfinishedCopy(options.dataDir)
  }
  const findTemplate = () =>
    ensureTemplate({
      inputs: { migrationsDir, seedFile },
      root: options.templates || undefined,
      build: (dataDir, password) =>
        buildTemplate({ dataDir, password, migrationsDir, seedFile, onLog: options.onLog }),
    })
  let template =
    options.templates !== false && (await isEmptyOrMissing(options.dataDir))
      ? await findTemplate()
      : undefined

  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'local-supabase-')))
  // A throwaway cluster goes on stop; so does a copy this start made, if the start fails: it
  // holds nothing yet, and still has the template's password.
  const discard = (copied: boolean) =>
    throwaway || copied ? fs.rm(dataDir, { recursive: true, force: true }) : Promise.resolve()
  const port = options.port ?? (await findFreePort())

  let postgres: RunningPostgres
  let copied = false
  try {
    if (template) {
      try {
        await copyTemplate(template, dataDir, UNFINISHED_COPY)
      } catch (error) {
        if (!(error instanceof TemplateGoneError)) throw error
        template = await findTemplate()
        await copyTemplate(template, dataDir, UNFINISHED_COPY)
      }
      copied = true
    }
    postgres = await startPostgres({
      dataDir,
      port,
      durable: !throwaway,
      superuserPassword: template?.superuserPassword ?? superuserPassword,
      onLog: options.onLog,
    })
  } catch (error) {
    await discard(copied)
    throw error
  }
  const stop = async () => {
    await postgres.stop()
    await discard(false)
  }

  const ownerUrl = postgresUrl(PROJECT_OWNER, superuserPassword, port)
  const running = (appliedMigrations: AppliedMigration[]): RunningDatabase => ({
    url: ownerUrl,
    authenticatorUrl: postgresUrl('authenticator', authenticatorPassword, port),
    created: template !== undefined || postgres.created,
    appliedMigrations,
    template: template && { key: template.key, built: template.built },
    pid: postgres.pid,
    stop,
  })
  let client: pg.Client | undefined
  try {
    if (template) {
      // Until now the copy opens only with the template's superuser password (kept in a file
      // only this user can read): every login role gets this stack's own before it is handed out.
      client = await connect(postgres.url)
      await setPasswords(client, { superuserPassword, authenticatorPassword })
      await client.end()
      await fs.rm(path.join(dataDir, UNFINISHED_COPY))
      return running(template.migrations)
    }
    client = await connectAsSuperuser(postgres.url, dataDir)
    await bootstrap(client, { superuserPassword, authenticatorPassword })
    await client.end()
    client = await connect(ownerUrl)
    const appliedMigrations = await applyMigrations(client, migrationsDir)
    if (postgres.created) await runSeed(client, seedFile)
    await client.end()
    return running(appliedMigrations)
  } catch (error) {
    await client?.end().catch(() => undefined)
    await postgres.stop()
    await discard(copied)
    throw error
  }
}

/**
 * Written into a copy of a template before it is renamed into place, removed once the copy has
 * this stack's passwords. A persistent data directory that still has it is a copy whose start
 * died before that (it holds nothing, and opens only with the template's password): it is
 * deleted and copied again.
 */
export const UNFINISHED_COPY = 'local-supabase-unfinished-copy'

async function removeUnfinishedCopy(dataDir: string): Promise<void> {
  if (existsSync(path.join(dataDir, UNFINISHED_COPY))) {
    await fs.rm(dataDir, { recursive: true, force: true })
  }
}

async function isEmptyOrMissing(dataDir: string | undefined): Promise<boolean> {
  if (dataDir === undefined) return true
  try {
    return (await fs.readdir(dataDir)).length === 0
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true
    throw error
  }
}

interface Passwords {
  /** Of the superuser and of postgres. */
  superuserPassword: string
  authenticatorPassword: string
}

/** What hosted has before the first migration; idempotent, so it runs on every start. */
async function bootstrap(client: pg.Client, passwords: Passwords): Promise<void> {
  await client.query(await fs.readFile(bootstrapSqlFile, 'utf8'))
  await client.query(
    `alter role authenticator with password ${client.escapeLiteral(passwords.authenticatorPassword)}`,
  )
  await client.query(
    `alter role ${PROJECT_OWNER} with password ${client.escapeLiteral(passwords.superuserPassword)}`,
  )
}

async function setPasswords(client: pg.Client, passwords: Passwords): Promise<void> {
  const superuser = client.escapeLiteral(passwords.superuserPassword)
  await client.query(`alter role ${SUPERUSER} with password ${superuser};
    alter role ${PROJECT_OWNER} with password ${superuser};
    alter role authenticator with password ${client.escapeLiteral(passwords.authenticatorPassword)}`)
}

/**
 * A template's database: a new cluster made as a new data directory is, shut down cleanly. Only
 * its superuser has a password (this template's own, random); postgres and authenticator get
 * theirs when a copy is started.
 */
async function buildTemplate(options: {
  dataDir: string
  password: string
  migrationsDir: string
  seedFile: string
  onLog: ((line: string) => void) | undefined
}): Promise<AppliedMigration[]> {
  const port = await findFreePort()
  const postgres = await startPostgres({
    dataDir: options.dataDir,
    port,
    durable: false,
    superuserPassword: options.password,
    onLog: options.onLog,
  })
  let client: pg.Client | undefined
  try {
    client = await connect(postgres.url)
    await bootstrap(client, {
      superuserPassword: options.password,
      authenticatorPassword: randomPassword(),
    })
    await client.end()
    client = await connect(postgresUrl(PROJECT_OWNER, options.password, port))
    const applied = await applyMigrations(client, options.migrationsDir)
    await runSeed(client, options.seedFile)
    await client.end()
    client = await connect(postgres.url)
    await client.query(`alter role ${PROJECT_OWNER} with password null;
      alter role authenticator with password null`)
    await client.end()
    client = undefined
    await postgres.stop()
    // A server that had to be killed left a cluster that needs recovery: not a template.
    if (existsSync(path.join(options.dataDir, 'postmaster.pid'))) {
      throw new Error(
        `Postgres did not shut down cleanly while building a template in ${options.dataDir}.`,
      )
    }
    return applied
  } finally {
    await client?.end().catch(() => undefined)
    await postgres.stop()
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
