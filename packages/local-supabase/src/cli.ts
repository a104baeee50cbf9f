// `pnpm --filter @repo/local-supabase start`: the data API on fixed ports with a persistent
// database, until Ctrl-C.
import { EnvError } from '@repo/env'
import { localStack } from '@repo/local-stack'
import { readEnv } from './env.ts'
import type { TrustedJwksSource } from './jwks.ts'
import { localSecretsFile, localStackSecrets } from './local-secrets.ts'
import { startLocalSupabase } from './stack.ts'

/**
 * `--trust-local-emulator`: when LOCAL_SUPABASE_JWKS_URL/_FILE are not set, trust the Clerk
 * emulator `pnpm dev` runs, wherever @repo/local-stack says it is.
 */
const trustsLocalEmulator = process.argv.includes('--trust-local-emulator')

function trustedJwksFromEnv(env: ReturnType<typeof readEnv>): TrustedJwksSource {
  if (env.trustedJwksUrl) return { url: env.trustedJwksUrl }
  if (env.trustedJwksFile) return { file: env.trustedJwksFile }
  // The emulator starts beside this under `pnpm dev`: wait for it.
  if (trustsLocalEmulator) return { url: localStack().emulator.jwksUrl, timeoutMs: 60_000 }
  throw new EnvError('local-supabase is not configured', [
    `Set LOCAL_SUPABASE_JWKS_URL to the JWKS of the issuer whose tokens the data API should trust: the Clerk emulator serves it at ${localStack().emulator.jwksUrl}, a Clerk instance at https://<your Clerk domain>/.well-known/jwks.json. Or set LOCAL_SUPABASE_JWKS_FILE to a JWKS file.`,
  ])
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
      `  publishable key:  ${stack.anonKey}`,
      `  secret key:       ${stack.serviceRoleKey}  (server-only: bypasses RLS)`,
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
