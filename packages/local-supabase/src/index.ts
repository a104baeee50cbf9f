export { type DatabaseOptions, type RunningDatabase, startMigratedDatabase } from './database.ts'
export type { Jwks, TrustedJwksSource } from './jwks.ts'
export {
  type LocalSecrets,
  loadOrCreateLocalSecrets,
  localSecretsFile,
  localStackSecrets,
} from './local-secrets.ts'
export { type AppliedMigration, applyMigrations, MigrationError } from './migrations.ts'
export { migrationsDir, repoRoot, seedFile } from './paths.ts'
export { PortInUseError } from './ports.ts'
export { postgresMajorVersion } from './postgres.ts'
export { PostgrestBinaryMissingError } from './postgrest.ts'
export { type LocalSupabase, type LocalSupabaseOptions, startLocalSupabase } from './stack.ts'
export { configuredPostgresMajor } from './supabase-config.ts'
