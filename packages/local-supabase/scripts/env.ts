// The only place the db:migrate script reads process.env.

import { EnvError } from '@repo/env'
import { localStack } from '@repo/local-stack'
import { localStackSecrets } from '../src/local-secrets.ts'

/** The local stack's Postgres, with this checkout's password. */
const localDatabaseUrl = () =>
  `postgres://postgres:${encodeURIComponent(localStackSecrets().dbPassword)}@127.0.0.1:${localStack().supabase.dbPort}/postgres`

export function readDatabaseUrl(): string {
  const raw = process.env.DATABASE_URL?.trim()
  if (!raw) return localDatabaseUrl()
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    throw new EnvError('The database scripts are not configured', [
      `DATABASE_URL must be a postgres:// connection string (got "${raw.slice(0, 20)}..."). For hosted Supabase, copy it from Project Settings > Database > Connection string; or unset it to use the local stack.`,
    ])
  }
  return raw
}
