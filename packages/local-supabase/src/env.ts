// The only place local-supabase reads process.env. Every value is validated here so a bad
// setting fails at start with its own name, not deep inside Postgres or PostgREST.
import path from 'node:path'
import { repoRoot } from './paths.ts'

export class EnvError extends Error {
  override name = 'EnvError'
}

function readPort(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new EnvError(`${name} must be a TCP port between 1 and 65535 (got "${raw}").`)
  }
  return port
}

function readOptional(name: string): string | undefined {
  const raw = process.env[name]?.trim()
  return raw ? raw : undefined
}

export interface LocalSupabaseEnv {
  /** Public port of the /rest/v1 gateway; 54321 matches `supabase start`. */
  apiPort: number
  /** Postgres port; 54322 matches `supabase start`. */
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
  const trustedJwksUrl = readOptional('LOCAL_SUPABASE_JWKS_URL')
  if (trustedJwksUrl && !/^https?:\/\//.test(trustedJwksUrl)) {
    throw new EnvError(
      `LOCAL_SUPABASE_JWKS_URL must be an http(s) URL of a JWKS document, such as the Clerk emulator's http://localhost:4100/.well-known/jwks.json (got "${trustedJwksUrl}").`,
    )
  }
  return {
    apiPort: readPort('LOCAL_SUPABASE_API_PORT', 54321),
    dbPort: readPort('LOCAL_SUPABASE_DB_PORT', 54322),
    postgrestPort: readPort('LOCAL_SUPABASE_POSTGREST_PORT', 54323),
    dataDir: path.resolve(
      readOptional('LOCAL_SUPABASE_DATA_DIR') ?? path.join(repoRoot, '.local', 'supabase'),
    ),
    anonKey: readOptional('LOCAL_SUPABASE_ANON_KEY'),
    serviceRoleKey: readOptional('LOCAL_SUPABASE_SERVICE_ROLE_KEY'),
    trustedJwksUrl,
    trustedJwksFile: readOptional('LOCAL_SUPABASE_JWKS_FILE'),
  }
}
