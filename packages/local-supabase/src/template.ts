// A new database is a copy of a template: the cluster initdb makes, with the bootstrap, the
// migrations and seed.sql applied, built once per set of inputs (its key) and kept in the OS temp
// folder. Building one costs about 2 s of CPU; copying one, about a tenth of that. Every test
// file starts its own stack, so this is paid once per change to the migrations, not once per file.
//
// Many processes (vitest workers, turbo tasks) may want the same template at the same moment.
// A template is built in a private folder and published by renaming that folder into place, so
// a published template is always whole. One process builds while the others wait on a lock file
// that names its PID; if that process dies, another takes the lock over and builds. Should two
// build anyway, the first rename wins and the other build is dropped.
import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { type AppliedMigration, listMigrationFiles } from './migrations.ts'
import { INITDB_OPTIONS, postgresBinariesId } from './postgres.ts'
import { randomPassword } from './random-secrets.ts'

export interface TemplateInputs {
  migrationsDir: string
  seedFile: string
}

export interface Template {
  /** A hash of everything that makes the database what it is; see templateKey. */
  key: string
  /** The published template's Postgres data directory. Never started: only copied. */
  dataDir: string
  /**
   * The template's superuser password, random per template. It is the only password a copy
   * accepts until its stack sets its own (copyTemplate's caller must): postgres and
   * authenticator have none in the template.
   */
  superuserPassword: string
  /** The migrations in the template's ledger, in order. */
  migrations: AppliedMigration[]
  /** How many files and folders its data directory holds: a copy that finds fewer stops. */
  entries: number
  /** True when this call built it; false when it was already there or another process built it. */
  built: boolean
}

/**
 * Builds a template's database in `dataDir` (which does not exist yet) with `superuserPassword`
 * as the superuser's, leaves it shut down cleanly, and says which migrations it applied.
 */
export type BuildTemplate = (
  dataDir: string,
  superuserPassword: string,
) => Promise<AppliedMigration[]>

export interface EnsureTemplateOptions {
  inputs: TemplateInputs
  build: BuildTemplate
  /** Where templates are kept (default: defaultTemplateRoot()). */
  root?: string
}

interface TemplateFile {
  key: string
  superuserPassword: string
  migrations: AppliedMigration[]
  entries: number
  builtAt: string
  inputs: TemplateKeyParts
}

// The modules whose code decides what a template holds: a change to any of them (initdb's
// options, the bootstrap, how migrations are applied) makes every template stale.
const BUILD_CODE = [
  'database.ts',
  'migrations.ts',
  'postgres.ts',
  'template.ts',
  'sql/bootstrap.sql',
]

/** A template unused for this long is deleted when another template is published. */
const UNUSED_FOR_MS = 60 * 60 * 1000
/** How long to wait for another process's build before building one of our own. */
const WAIT_FOR_BUILDER_MS = 120_000
const POLL_MS = 50

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex')

interface TemplateKeyParts {
  postgres: string
  platform: string
  initdb: readonly string[]
  /** initdb writes the time zone it finds (TZ, else the system's) into postgresql.conf. */
  timeZone: string
  code: Record<string, string>
  migrations: { file: string; sha256: string }[]
  seed: string | null
}

async function keyParts(inputs: TemplateInputs): Promise<TemplateKeyParts> {
  // Read at once, not one after another: this is on every start's path.
  const hashOf = async (file: string | URL) => sha256(await fs.readFile(file))
  const [code, migrations, seed] = await Promise.all([
    Promise.all(
      BUILD_CODE.map(async (file) => [file, await hashOf(new URL(`./${file}`, import.meta.url))]),
    ).then(Object.fromEntries),
    listMigrationFiles(inputs.migrationsDir).then((files) =>
      Promise.all(
        files.map(async ({ file }) => ({
          file,
          sha256: await hashOf(path.join(inputs.migrationsDir, file)),
        })),
      ),
    ),
    hashOf(inputs.seedFile).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null
      throw error
    }),
  ])
  return {
    postgres: postgresBinariesId(),
    platform: `${process.platform}-${process.arch}`,
    initdb: INITDB_OPTIONS,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    code,
    migrations,
    seed,
  }
}

/**
 * The template's key: a hash of the Postgres binaries, initdb's options and time zone, the code
 * that builds it (bootstrap.sql included), every migration file's name and content, and seed.sql.
 */
export async function templateKey(inputs: TemplateInputs): Promise<string> {
  return keyOf(await keyParts(inputs))
}

const keyOf = (parts: TemplateKeyParts) => sha256(JSON.stringify(parts)).slice(0, 32)

/**
 * `<temp>/local-supabase-templates-<uid>`. The temp folder, not the checkout: under root,
 * Postgres runs as the `postgres` user, who must enter the folder a template is built in, and a
 * checkout under /root is closed to it; test clusters live there already, on the same file
 * system, so a copy can be a cheap clone where the file system supports it. One folder per user,
 * so no other user can plant a template; checkouts with the same inputs share templates.
 */
export function defaultTemplateRoot(): string {
  const user = process.getuid?.() ?? os.userInfo().username
  return path.join(os.tmpdir(), `local-supabase-templates-${user}`)
}

/**
 * Templates are written without fsync (as throwaway clusters are), so one is valid only until the
 * machine restarts: after a crash its files may not all have reached the disk. Each boot gets
 * its own folder, and a template from an earlier boot is never used.
 */
function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
  } catch {
    // No boot id outside Linux: the boot time, to the minute.
    return `booted-${Math.round((Date.now() / 1000 - os.uptime()) / 60)}`
  }
}

/** Makes the root folder, and refuses one that another user owns or may write to. */
async function ensureRoot(root: string): Promise<void> {
  const stat = await fs.lstat(root).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
    await fs.mkdir(root, { recursive: true, mode: 0o755 })
    return await fs.lstat(root)
  })
  const uid = process.getuid?.()
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || stat.mode & 0o022) {
    throw new Error(
      `local-supabase keeps its database templates in ${root}, but that is not a folder only you can write to. Delete it (another user may have made it) and start again.`,
    )
  }
}

// One build per template per process, however many of its starts ask at once.
const inProcess = new Map<string, { pending: Promise<Template>; claimed: boolean }>()

/** The template for these inputs: the published one, or one built now (by us or another process). */
export async function ensureTemplate(options: EnsureTemplateOptions): Promise<Template> {
  const root = options.root ?? defaultTemplateRoot()
  const parts = await keyParts(options.inputs)
  const key = keyOf(parts)
  const bootDir = path.join(root, bootId())
  const memo = path.join(bootDir, key)
  let entry = inProcess.get(memo)
  if (!entry) {
    entry = { pending: obtain(bootDir, key, parts, options.build), claimed: false }
    inProcess.set(memo, entry)
    // Shared only while in flight: a later start looks again (and marks the template used), and
    // a failed build is retried (after the migration is fixed).
    const forget = () => inProcess.delete(memo)
    entry.pending.then(forget, forget)
  }
  const template = await entry.pending
  // Only one caller reports the build; the others copied what it built.
  if (!template.built || entry.claimed) return { ...template, built: false }
  entry.claimed = true
  return template
}

async function obtain(
  bootDir: string,
  key: string,
  parts: TemplateKeyParts,
  build: BuildTemplate,
): Promise<Template> {
  await ensureRoot(path.dirname(bootDir))
  const published = path.join(bootDir, key)
  const lock = `${published}.lock`
  const waitUntil = Date.now() + WAIT_FOR_BUILDER_MS
  for (;;) {
    const found = await readPublished(published)
    if (found) return found
    await fs.mkdir(bootDir, { recursive: true, mode: 0o755 })
    const holder = await takeLock(lock)
    if (holder === 'ours') {
      try {
        // It may have been published between the look above and taking the lock.
        return (await readPublished(published)) ?? (await buildAndPublish(published, parts, build))
      } finally {
        await fs.rm(lock, { force: true })
      }
    }
    if (holder !== undefined && !isAlive(holder)) {
      // Its builder died: the lock is free. (Should two processes see that at once, both may
      // end up building; the first rename wins and the other's build is dropped.)
      await fs.rm(lock, { force: true })
      continue
    }
    if (Date.now() > waitUntil) {
      // The builder hangs: build our own; whoever renames first wins.
      return await buildAndPublish(published, parts, build)
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

/** 'ours', or the PID of the process holding the lock (undefined while it is being written). */
async function takeLock(lock: string): Promise<'ours' | number | undefined> {
  try {
    await fs.writeFile(lock, `${process.pid}\n`, { flag: 'wx' })
    return 'ours'
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  try {
    const pid = Number.parseInt(await fs.readFile(lock, 'utf8'), 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    // Released between the two calls: the next round sees the template or takes the lock.
    return undefined
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  // A killed builder nobody has reaped yet (a container's init may never) is dead too.
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return true
  }
}

function isTemplateFile(value: unknown): value is TemplateFile {
  const file = value as Partial<TemplateFile> | null
  return (
    typeof file?.key === 'string' &&
    typeof file.superuserPassword === 'string' &&
    Array.isArray(file.migrations) &&
    typeof file.entries === 'number'
  )
}

async function readPublished(published: string): Promise<Template | undefined> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await fs.readFile(path.join(published, 'template.json'), 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  if (!isTemplateFile(parsed) || parsed.key !== path.basename(published)) {
    throw new Error(
      `${published} is not a template local-supabase wrote (its template.json is not what it expects). Delete the folder and start again.`,
    )
  }
  // Its modification time is its last use: cleanOldTemplates keeps what was used lately.
  const now = new Date()
  await fs.utimes(published, now, now)
  return {
    key: parsed.key,
    dataDir: path.join(published, 'data'),
    superuserPassword: parsed.superuserPassword,
    migrations: parsed.migrations,
    entries: parsed.entries,
    built: false,
  }
}

async function buildAndPublish(
  published: string,
  parts: TemplateKeyParts,
  build: BuildTemplate,
): Promise<Template> {
  const key = path.basename(published)
  // The PID in the name lets cleanOldTemplates tell a crashed build's leftovers from a live one.
  const staging = await fs.mkdtemp(`${published}.build-${process.pid}-`)
  try {
    // Under root, Postgres (the postgres user) must enter it to reach the data directory.
    await fs.chmod(staging, 0o755)
    const superuserPassword = randomPassword()
    const migrations = await build(path.join(staging, 'data'), superuserPassword)
    const file: TemplateFile = {
      key,
      superuserPassword,
      migrations,
      entries: (await fs.readdir(path.join(staging, 'data'), { recursive: true })).length,
      builtAt: new Date().toISOString(),
      inputs: parts,
    }
    await fs.writeFile(path.join(staging, 'template.json'), `${JSON.stringify(file, null, 2)}\n`, {
      mode: 0o600,
    })
    try {
      await fs.rename(staging, published)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
      // Another process published first: its template is as good as ours.
      await fs.rm(staging, { recursive: true, force: true })
      const theirs = await readPublished(published)
      if (theirs) return theirs
      throw error
    }
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true })
    throw error
  }
  await cleanOldTemplates(path.dirname(path.dirname(published)), published)
  const template = await readPublished(published)
  if (!template) throw new Error(`The template just published at ${published} is gone.`)
  return { ...template, built: true }
}

/**
 * Deletes templates unused for an hour (those of earlier boots included) and what crashed builds
 * left. A template is moved aside before it is deleted, so nobody starts copying a half-deleted
 * one; a copy that loses its template this way fails, and startMigratedDatabase builds again.
 */
async function cleanOldTemplates(root: string, keep: string): Promise<void> {
  const now = Date.now()
  for (const boot of await fs.readdir(root, { withFileTypes: true })) {
    if (!boot.isDirectory()) continue
    const bootDir = path.join(root, boot.name)
    const entries = await fs.readdir(bootDir).catch(() => [])
    for (const name of entries) {
      const entry = path.join(bootDir, name)
      if (entry === keep) continue
      const builder = /\.build-(\d+)-[^.]+$/.exec(name)?.[1]
      const locker = name.endsWith('.lock')
        ? Number.parseInt(await fs.readFile(entry, 'utf8').catch(() => ''), 10)
        : undefined
      let remove: boolean
      if (builder) remove = !isAlive(Number(builder))
      else if (locker !== undefined) remove = Number.isInteger(locker) && !isAlive(locker)
      else if (name.includes('.trash-')) remove = true
      else {
        const stat = await fs.stat(entry).catch(() => undefined)
        remove = stat !== undefined && now - stat.mtimeMs > UNUSED_FOR_MS
      }
      if (!remove) continue
      const trash = `${entry}.trash-${crypto.randomBytes(4).toString('hex')}`
      // Best effort: whatever cannot go now goes next time.
      await fs
        .rename(entry, trash)
        .then(() => fs.rm(trash, { recursive: true, force: true }))
        .catch(() => undefined)
    }
    if (entries.length === 0) await fs.rmdir(bootDir).catch(() => undefined)
  }
}

/**
 * The template went away, or lost files, while it was being copied: deleted as unused by another
 * process, or by a cleaner of old files in the temp folder (systemd-tmpfiles deletes what has not
 * been touched for ten days). It is no longer published; ensureTemplate builds it again.
 */
export class TemplateGoneError extends Error {
  override name = 'TemplateGoneError'
}

/**
 * Copies a template's data directory to `dataDir`, which must not exist or be empty, with an
 * empty file named `marker` in it. The copy is made beside it and renamed into place, so a start
 * that dies halfway leaves no half a cluster that a later start would take for a database.
 */
export async function copyTemplate(
  template: Template,
  dataDir: string,
  marker: string,
): Promise<void> {
  const staging = `${dataDir}.copy-${crypto.randomBytes(4).toString('hex')}`
  await fs.mkdir(path.dirname(dataDir), { recursive: true })
  try {
    const copied = await copyTree(template.dataDir, staging)
    if (copied !== template.entries) {
      const published = path.dirname(template.dataDir)
      const trash = `${published}.trash-${crypto.randomBytes(4).toString('hex')}`
      await fs.rename(published, trash).then(
        () => fs.rm(trash, { recursive: true, force: true }),
        () => undefined,
      )
      throw new TemplateGoneError(
        `The template ${published} holds ${copied} of its ${template.entries} files and folders; it was deleted.`,
      )
    }
    await fs.writeFile(path.join(staging, marker), '')
    await fs.rmdir(dataDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
    await fs.rename(staging, dataDir)
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true })
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(template.dataDir)) {
      throw new TemplateGoneError(
        `The template ${template.dataDir} was deleted while it was copied.`,
        {
          cause: error,
        },
      )
    }
    throw error
  }
}

/**
 * `cp -a`: modes, owners and links kept, and a clone where the file system has them (GNU cp's
 * default since coreutils 9). The template's files belong to the user Postgres runs as, who
 * built it, so the copy does too. About a thousand small files: one `cp` took a third of the
 * time of Node copying them file by file (0.1 s against 0.3 s here, bench `stack`). Windows has
 * no `cp`, and no owners to keep: Node's own recursive copy there.
 * Returns how many files and folders the copy holds.
 */
async function copyTree(from: string, to: string): Promise<number> {
  if (process.platform === 'win32') {
    await fs.cp(from, to, { recursive: true, verbatimSymlinks: true, errorOnExist: true })
  } else {
    await new Promise<void>((resolve, reject) => {
      execFile('cp', ['-a', from, to], (error, _stdout, stderr) => {
        if (!error) resolve()
        else if (!existsSync(from)) reject(Object.assign(new Error(stderr), { code: 'ENOENT' }))
        else reject(new Error(`cp -a ${from} ${to} failed: ${stderr.trim() || error.message}`))
      })
    })
  }
  return (await fs.readdir(to, { recursive: true })).length
}
