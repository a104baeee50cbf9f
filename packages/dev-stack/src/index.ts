export {
  APP_ENV_VARIABLES,
  type EnvMode,
  envFiles,
  HalfConfiguredError,
  type ResolvedEnv,
  resolveAppEnv,
  supabaseEnv,
  type UserValue,
  userEnv,
} from './app-env.ts'
