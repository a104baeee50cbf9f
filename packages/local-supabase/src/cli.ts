#!/usr/bin/env -S node --import tsx
// `pnpm --filter @repo/local-supabase start`: the data API on fixed ports with a persistent
// database, until Ctrl-C.
import { EnvError, readEnv } from './env.ts'
import type { TrustedJwksSource } from './jwks.ts'
import { localSecretsFile, localStackSecrets } from './local-secrets.ts'
import { startLocalSupabase } from './stack.ts'

/** `--jwks-url <url>`: the trusted issuer when LOCAL_SUPABASE_JWKS_URL/_FILE are not set. */
function jwksUrlArgument(): string | undefined {
  const index = process.argv.indexOf('--jwks-url')
  return index > 0 ? process.argv[index + 1] : undefined
}

function trustedJwksFromEnv(env: ReturnType<typeof readEnv>): TrustedJwksSource {
  if (env.trustedJwksUrl) return { url: env.trustedJwksUrl }
  if (env.trustedJwksFile) return { file: env.trustedJwksFile }
  const fromArgument = jwksUrlArgument()
  if (fromArgument) return { url: fromArgument, timeoutMs: 60_000 }
  throw new EnvError(
    'Set LOCAL_SUPABASE_JWKS_URL to the JWKS of the issuer whose tokens the data API should trust: the Clerk emulator serves it at http://localhost:4100/.well-known/jwks.json, a Clerk instance at https://<your Clerk domain>/.well-known/jwks.json. Or set LOCAL_SUPABASE_JWKS_FILE to a JWKS file.',
  )
}

async function main(): Promise<void> {
  const env = readEnv()
  const secrets = localStackSecrets()
  const stack = await startLocalSupabase({
    trustedJwks: trustedJwksFromEnv(env),
    dataDir: env.dataDir,
    superuserPassword: secrets.dbPassword,
    ports: { api: env.apiPort, db: env.dbPort, postgrest: env.postgrestPort },
    keys: { anonKey: secrets.anonKey, serviceRoleKey: secrets.serviceRoleKey },
  })
  const applied = stack.appliedMigrations.map((m) => m.file).join(', ') || 'none (up to date)'
  console.log(
    [
      'local-supabase is ready',
      `  API URL:          ${stack.url}`,
      `  REST endpoint:    ${stack.url}/rest/v1`,
      `  DB URL:           ${stack.dbUrl}`,
      `  anon key:         ${stack.anonKey}`,
      `  service_role key: ${stack.serviceRoleKey}  (server-only: bypasses RLS)`,
      `  data dir:         ${env.dataDir}${stack.createdDatabase ? ' (new)' : ''}`,
      `  keys, password:   ${localSecretsFile} (random, made once per checkout)`,
      `  migrations:       ${applied}`,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  )
  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`local-supabase: ${signal}, stopping`)
    stack.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(`local-supabase: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
