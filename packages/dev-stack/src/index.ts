export {
  APP_ENV_VARIABLES,
  type AppName,
  type EnvMode,
  envFiles,
  HalfConfiguredError,
  LOCAL_SUPABASE_URL,
  type ResolvedEnv,
  resolveAppEnv,
  supabaseEnv,
  type UserValue,
  userEnv,
} from './app-env.ts'
