export { EnvError, throwEnvError } from './env-error.ts'
export { everyPreset } from './every-preset.ts'
export { httpUrl, isHttpUrl, optionalText, port, requiredText } from './fields.ts'
export {
  oldNameOf,
  RENAMED_VARIABLES,
  type RenamedRuntimeEnv,
  type RenamedVariable,
  renamedField,
} from './renamed.ts'
export { supabaseKeyRole } from './supabase-keys.ts'
export { warnOnce } from './warn-once.ts'
