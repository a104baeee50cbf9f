export {
  type AppName,
  LOCAL_SUPABASE_URL,
  localStackEnv,
  type ResolvedEnv,
  resolveAppEnv,
  userEnv,
} from './app-env.ts'
