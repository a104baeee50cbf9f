import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))

/** The monorepo root, where the Supabase CLI layout (`supabase/`) lives. */
export const repoRoot = path.resolve(here, '../../..')
export const supabaseDir = path.join(repoRoot, 'supabase')
export const migrationsDir = path.join(supabaseDir, 'migrations')
export const seedFile = path.join(supabaseDir, 'seed.sql')
