import { APP_NAMES, APPS, type AppName, type AppPortVariable } from './apps.ts'
import { readEnv } from './env.ts'

export interface LocalStack {
  emulator: {
    port: number
    /** Public origin; must share the apps' hostname so Clerk's cookies reach both. */
    origin: string
    jwksUrl: string
  }
  supabase: {
    /** The /rest/v1 gateway, as `supabase start` serves it. */
    apiPort: number
    url: string
    dbPort: number
    /** PostgREST itself, reached only through the gateway. */
    postgrestPort: number
  }
  apps: Record<AppName, { port: number; url: string }>
}

/**
 * Where `pnpm dev`, `pnpm preview` and the tests that stand in for them run each part of the
 * offline stack. Every port moves with its env variable, and everything else derives from here.
 */
export function localStack(runtimeEnv?: Record<string, string | undefined>): LocalStack {
  const env = readEnv(runtimeEnv)
  const emulatorOrigin = env.CLERK_EMULATOR_ORIGIN ?? `http://localhost:${env.CLERK_EMULATOR_PORT}`
  const app = (port: number) => ({ port, url: `http://localhost:${port}` })
  return {
    emulator: {
      port: env.CLERK_EMULATOR_PORT,
      origin: emulatorOrigin,
      jwksUrl: `${emulatorOrigin}/.well-known/jwks.json`,
    },
    supabase: {
      apiPort: env.LOCAL_SUPABASE_API_PORT,
      url: `http://127.0.0.1:${env.LOCAL_SUPABASE_API_PORT}`,
      dbPort: env.LOCAL_SUPABASE_DB_PORT,
      postgrestPort: env.LOCAL_SUPABASE_POSTGREST_PORT,
    },
    // Every app of the registry, present or not: where it would run is configuration.
    apps: Object.fromEntries(
      APP_NAMES.map((name) => [name, app(env[APPS[name].portVariable as AppPortVariable])]),
    ) as Record<AppName, { port: number; url: string }>,
  }
}
