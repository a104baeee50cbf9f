// The only place @repo/db's scripts read process.env.

/** The local stack's Postgres, as `supabase start` and local-supabase both expose it. */
const LOCAL_DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:54322/postgres'

export function readDatabaseUrl(): string {
  const raw = process.env.DATABASE_URL?.trim()
  if (!raw) return LOCAL_DATABASE_URL
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    throw new Error(
      `DATABASE_URL must be a postgres:// connection string (got "${raw.slice(0, 20)}..."). For hosted Supabase, copy it from Project Settings > Database > Connection string; or unset it to use the local stack.`,
    )
  }
  return raw
}
