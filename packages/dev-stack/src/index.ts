export {
  APP_ENV_VARIABLES,
  type EnvMode,
  HalfConfiguredError,
  type ResolvedEnv,
  resolveAppEnv,
  supabaseVariables,
  type UserValue,
  userEnv,
} from './app-env.ts'
export { BANNER_TITLE } from './banner.ts'
