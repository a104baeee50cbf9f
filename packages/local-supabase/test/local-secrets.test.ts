// The local stack's keys and passwords are this checkout's own: random, made once, kept in a
// gitignored file, so no value published in the repo opens a developer's local database.
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadOrCreateLocalSecrets, startMigratedDatabase } from '../src/index.ts'

let workDir: string
const quiet = () => undefined

beforeEach(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'local-supabase-secrets-'))
  // Postgres (run as the postgres user under root) must enter it.
  await chmod(workDir, 0o755)
})

afterEach(async () => {
  await rm(workDir, { recursive: true, force: true })
})

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

describe('this checkout’s secrets file', () => {
  it('is made once, readable only by its owner, and read back unchanged', async () => {
    const file = path.join(workDir, '.local', 'supabase-secrets.json')
    const first = loadOrCreateLocalSecrets(file)
    expect(first.anonKey).toMatch(/^sb_publishable_[A-Za-z0-9_-]{20,}$/)
    expect(first.serviceRoleKey).toMatch(/^sb_secret_[A-Za-z0-9_-]{30,}$/)
    expect(first.dbPassword.length).toBeGreaterThanOrEqual(24)
    expect((await stat(file)).mode & 0o077).toBe(0)
    expect(loadOrCreateLocalSecrets(file)).toEqual(first)
  })

  it('differs from one checkout to the next', () => {
    const a = loadOrCreateLocalSecrets(path.join(workDir, 'a.json'))
    const b = loadOrCreateLocalSecrets(path.join(workDir, 'b.json'))
    expect(
      new Set([
        a.anonKey,
        a.serviceRoleKey,
        a.dbPassword,
        b.anonKey,
        b.serviceRoleKey,
        b.dbPassword,
      ]).size,
    ).toBe(6)
  })

  it('names itself when it is not what local-supabase wrote', async () => {
    const file = path.join(workDir, 'broken.json')
    await mkdir(workDir, { recursive: true })
    await writeFile(file, '{"anonKey": 1}')
    expect(() => loadOrCreateLocalSecrets(file)).toThrow(
      /broken\.json is not what local-supabase wrote/,
    )
  })
})

describe('database passwords', () => {
  it('neither the superuser nor PostgREST’s login role has the password "postgres"', async () => {
    const db = await startMigratedDatabase({ onLog: quiet })
    try {
      expect(await canConnect(db.url)).toBe(true)
      expect(await canConnect(db.authenticatorUrl)).toBe(true)
      expect(await canConnect(withPassword(db.url, 'postgres', 'postgres'))).toBe(false)
      expect(await canConnect(withPassword(db.url, 'authenticator', 'postgres'))).toBe(false)
      expect(await canConnect(withPassword(db.url, 'supabase_admin', 'postgres'))).toBe(false)
    } finally {
      await db.stop()
    }
  })

  it('a cluster made by another Postgres major is moved aside, untouched, and a new one made', async () => {
    const dataDir = path.join(workDir, 'data')
    // What local-supabase left when it ran Postgres 18: this major cannot open it.
    await mkdir(dataDir, { recursive: true })
    await writeFile(path.join(dataDir, 'PG_VERSION'), '18\n')
    await writeFile(path.join(dataDir, 'kept.txt'), 'the old data')
    const notices: string[] = []
    const db = await startMigratedDatabase({
      dataDir,
      superuserPassword: 'a-secret',
      onLog: quiet,
      onNotice: (line) => notices.push(line),
    })
    try {
      expect(db.created).toBe(true)
      expect(await canConnect(db.url)).toBe(true)
      const aside = (await readdir(workDir)).filter((name) => name.startsWith('data.pg18-'))
      expect(aside).toHaveLength(1)
      expect(await readFile(path.join(workDir, aside[0] ?? '', 'kept.txt'), 'utf8')).toBe(
        'the old data',
      )
      expect(notices.join('\n')).toMatch(/Postgres 18 cluster; this stack runs Postgres 17/)
    } finally {
      await db.stop()
    }
  })

  it('a cluster started with the wrong password says which file to restore', async () => {
    const dataDir = path.join(workDir, 'data')
    const first = await startMigratedDatabase({ dataDir, superuserPassword: 'right', onLog: quiet })
    await first.stop()
    await expect(
      startMigratedDatabase({ dataDir, superuserPassword: 'wrong', onLog: quiet }),
    ).rejects.toThrow(/\.local\/supabase-secrets\.json/)
  })
})
