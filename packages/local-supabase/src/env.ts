// The only place local-supabase reads process.env. Every value is validated here so a bad
// setting fails at start with its own name, not deep inside Postgres or PostgREST. Its ports come
// from @repo/local-stack, with every other part of the offline stack.
import path from 'node:path'
import { EnvError } from '@repo/env'
import { localStack } from '@repo/local-stack'
import { repoRoot } from './paths.ts'

function readOptional(name: string): string | undefined {
  const raw = process.env[name]?.trim()
  return raw ? raw : undefined
}

export interface LocalSupabaseEnv {
  /** Public port of the /rest/v1 gateway. */
  apiPort: number
  /** Postgres port. */
  dbPort: number
  /** PostgREST's own port, reached only through the gateway. */
  postgrestPort: number
  dataDir: string
  anonKey: string | undefined
  serviceRoleKey: string | undefined
  trustedJwksUrl: string | undefined
  trustedJwksFile: string | undefined
}

export function readEnv(): LocalSupabaseEnv {
  const ports = localStack().supabase
  const trustedJwksUrl = readOptional('LOCAL_SUPABASE_JWKS_URL')
  if (trustedJwksUrl && !/^https?:\/\//.test(trustedJwksUrl)) {
    throw new EnvError('local-supabase is not configured', [
      `LOCAL_SUPABASE_JWKS_URL must be an http(s) URL of a JWKS document, such as the Clerk emulator's ${localStack().emulator.jwksUrl} (got "${trustedJwksUrl}").`,
    ])
  }
  return {
    apiPort: ports.apiPort,
    dbPort: ports.dbPort,
    postgrestPort: ports.postgrestPort,
    dataDir: path.resolve(
      readOptional('LOCAL_SUPABASE_DATA_DIR') ?? path.join(repoRoot, '.local', 'supabase'),
    ),
    anonKey: readOptional('LOCAL_SUPABASE_ANON_KEY'),
    serviceRoleKey: readOptional('LOCAL_SUPABASE_SERVICE_ROLE_KEY'),
    trustedJwksUrl,
    trustedJwksFile: readOptional('LOCAL_SUPABASE_JWKS_FILE'),
  }
}
