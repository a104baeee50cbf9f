// `pnpm db:migrate`: applies supabase/migrations to DATABASE_URL with the
// Supabase CLI's ledger, so only new files run. Defaults to the local stack's database.

import pg from 'pg'
import { readEnv } from '../src/env.ts'
import { localStackSecrets } from '../src/local-secrets.ts'
import { applyMigrations } from '../src/migrations.ts'
import { migrationsDir } from '../src/paths.ts'

const env = readEnv()
const url =
  env.databaseUrl ??
  `postgres://postgres:${encodeURIComponent(localStackSecrets().dbPassword)}@127.0.0.1:${env.dbPort}/postgres`
const client = new pg.Client({ connectionString: url })
try {
  await client.connect()
} catch (error) {
  console.error(
    `Cannot connect to ${url.replace(/:[^:@/]+@/, ':***@')}: ${String(error)}. Start the local stack (pnpm dev) or set DATABASE_URL.`,
  )
  process.exit(1)
}
try {
  const applied = await applyMigrations(client, migrationsDir)
  console.log(
    applied.length
      ? `Applied ${applied.map((m) => m.file).join(', ')}`
      : 'Database is up to date; no migration to apply.',
  )
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await client.end()
}
