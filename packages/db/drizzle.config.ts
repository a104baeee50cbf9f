import { defineConfig } from 'drizzle-kit'

// Migrations go where the Supabase CLI looks for them, named the way it expects, so
// `supabase db push` and local-supabase apply the same files.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: '../../supabase/migrations',
  migrations: { prefix: 'supabase' },
  // Supabase creates anon/authenticated/service_role itself; never emit CREATE ROLE for them.
  entities: { roles: { provider: 'supabase' } },
  strict: true,
  verbose: true,
})
