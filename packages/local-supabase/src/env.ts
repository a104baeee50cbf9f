// The only place local-supabase reads process.env. Every value is validated here so a bad
// setting fails at start with its own name, not deep inside Postgres or PostgREST. Its ports come
// from @repo/local-stack, with every other part of the offline stack.
import path from 'node:path'
import { isHttpUrl, optionalText, renamedField, throwEnvError } from '@repo/env'
import { localStack } from '@repo/local-stack'
import { createEnv } from '@t3-oss/env-core'
import { repoRoot } from './paths.ts'

export interface LocalSupabaseEnv {
  /** Public port of the /rest/v1 gateway. */
  apiPort: number
  /** Postgres port. */
  dbPort: number
  /** PostgREST's own port, reached only through the gateway. */
  postgrestPort: number
  dataDir: string
  /** LOCAL_SUPABASE_PUBLISHABLE_KEY: this checkout's publishable (anon) key, instead of the file's. */
  anonKey: string | undefined
  /** LOCAL_SUPABASE_SECRET_KEY: this checkout's secret (service_role) key, instead of the file's. */
  serviceRoleKey: string | undefined
  trustedJwksUrl: string | undefined
  trustedJwksFile: string | undefined
  /** Where db:migrate applies migrations; undefined means the local stack's Postgres. */
  databaseUrl: string | undefined
}

export function readEnv(
  runtimeEnv: Record<string, string | undefined> = process.env,
): LocalSupabaseEnv {
  const stack = localStack(runtimeEnv)
  const env = createEnv({
    server: {
      LOCAL_SUPABASE_JWKS_URL: optionalText().refine((url) => url === undefined || isHttpUrl(url), {
        error: (issue) =>
          `LOCAL_SUPABASE_JWKS_URL must be an http(s) URL of a JWKS document, such as the Clerk emulator's ${stack.emulator.jwksUrl} (got "${String(issue.input)}").`,
      }),
      LOCAL_SUPABASE_JWKS_FILE: optionalText(),
      LOCAL_SUPABASE_DATA_DIR: optionalText(),
      // The old names (_ANON_KEY, _SERVICE_ROLE_KEY) are still read: see renamedField.
      LOCAL_SUPABASE_PUBLISHABLE_KEY: renamedField(
        runtimeEnv,
        'LOCAL_SUPABASE_PUBLISHABLE_KEY',
        optionalText,
      ),
      LOCAL_SUPABASE_SECRET_KEY: renamedField(
        runtimeEnv,
        'LOCAL_SUPABASE_SECRET_KEY',
        optionalText,
      ),
      DATABASE_URL: optionalText().refine(
        (url) => url === undefined || /^postgres(ql)?:\/\//.test(url),
        {
          error: (issue) =>
            `DATABASE_URL must be a postgres:// connection string (got "${String(issue.input).slice(0, 20)}..."). For hosted Supabase, copy it from Project Settings > Database > Connection string; or unset it to use the local stack.`,
        },
      ),
    },
    runtimeEnv,
    onValidationError: throwEnvError('local-supabase is not configured'),
  })
  return {
    apiPort: stack.supabase.apiPort,
    dbPort: stack.supabase.dbPort,
    postgrestPort: stack.supabase.postgrestPort,
    dataDir: path.resolve(env.LOCAL_SUPABASE_DATA_DIR ?? path.join(repoRoot, '.local', 'supabase')),
    anonKey: env.LOCAL_SUPABASE_PUBLISHABLE_KEY,
    serviceRoleKey: env.LOCAL_SUPABASE_SECRET_KEY,
    trustedJwksUrl: env.LOCAL_SUPABASE_JWKS_URL,
    trustedJwksFile: env.LOCAL_SUPABASE_JWKS_FILE,
    databaseUrl: env.DATABASE_URL,
  }
}
