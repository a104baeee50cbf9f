// The local stack's keys and database password: random, made once per checkout, kept in a
// gitignored file (like the Clerk emulator's signing key). Fixed values published in the repo
// would let any web page a developer visits use the local service key (the gateway allows any
// origin, as Supabase's does).
import crypto from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { readEnv } from './env.ts'
import { repoRoot } from './paths.ts'
import { randomApiKeys, randomPassword } from './random-secrets.ts'

export interface LocalSecrets {
  anonKey: string
  serviceRoleKey: string
  /** The password of postgres (the banner's DB URL carries it) and of the superuser. */
  dbPassword: string
}

export const localSecretsFile = path.join(repoRoot, '.local', 'supabase-secrets.json')

function isLocalSecrets(value: unknown): value is LocalSecrets {
  const secrets = value as Partial<LocalSecrets> | null
  return (
    typeof secrets?.anonKey === 'string' &&
    typeof secrets.serviceRoleKey === 'string' &&
    typeof secrets.dbPassword === 'string'
  )
}

function read(file: string): LocalSecrets {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (!isLocalSecrets(parsed)) {
    throw new Error(
      `${file} is not what local-supabase wrote (anonKey, serviceRoleKey, dbPassword). Delete it and the data directory next to it (.local/supabase) to start afresh.`,
    )
  }
  return parsed
}

/**
 * This checkout's secrets, created on first use. Safe to call from several processes at once
 * (`pnpm dev` starts the stack and the apps together): the first writer wins, the rest read.
 */
export function loadOrCreateLocalSecrets(file = localSecretsFile): LocalSecrets {
  try {
    return read(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const secrets: LocalSecrets = { ...randomApiKeys(), dbPassword: randomPassword() }
  mkdirSync(path.dirname(file), { recursive: true })
  // Written whole to a temporary file, then linked into place: a reader never sees half a file,
  // and link() fails if another process got there first (then its secrets are the ones).
  const temporary = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`
  writeFileSync(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 })
  try {
    linkSync(temporary, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    unlinkSync(temporary)
  }
  return read(file)
}

/** What `pnpm dev`'s stack uses: LOCAL_SUPABASE_PUBLISHABLE_KEY / _SECRET_KEY win over the file. */
export function localStackSecrets(): LocalSecrets {
  const env = readEnv()
  const stored = loadOrCreateLocalSecrets()
  return {
    anonKey: env.anonKey ?? stored.anonKey,
    serviceRoleKey: env.serviceRoleKey ?? stored.serviceRoleKey,
    dbPassword: stored.dbPassword,
  }
}
