// The only place @repo/local-stack reads process.env: the overrides for where the stack runs.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { optionalText, port, throwEnvError } from '@repo/env'
import { createEnv } from '@t3-oss/env-core'
import { APP_NAMES, APPS, type AppPortVariable } from './apps.ts'

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

// Each app's port variable, from the registry: LOCAL_NEXT_PORT, LOCAL_REMIX_PORT, ...
const appPorts = Object.fromEntries(
  APP_NAMES.map((app) => [
    APPS[app].portVariable,
    port(APPS[app].portVariable, APPS[app].defaultPort),
  ]),
) as Record<AppPortVariable, ReturnType<typeof port>>

export function readEnv(runtimeEnv: Record<string, string | undefined> = process.env) {
  return createEnv({
    server: {
      // The defaults are the ports `supabase start` uses, so tools that assume them work.
      LOCAL_SUPABASE_API_PORT: port('LOCAL_SUPABASE_API_PORT', 54321),
      LOCAL_SUPABASE_DB_PORT: port('LOCAL_SUPABASE_DB_PORT', 54322),
      LOCAL_SUPABASE_POSTGREST_PORT: port('LOCAL_SUPABASE_POSTGREST_PORT', 54323),
      CLERK_EMULATOR_PORT: port('CLERK_EMULATOR_PORT', 4100),
      CLERK_EMULATOR_ORIGIN: optionalText().refine(
        (origin) => origin === undefined || /^https?:\/\/[^/]+$/.test(origin),
        {
          error: (issue) =>
            `CLERK_EMULATOR_ORIGIN must be an origin such as http://localhost:4100 (no path), on the same hostname as the apps so cookies are shared (got "${String(issue.input)}").`,
        },
      ),
      CLERK_EMULATOR_USERS_FILE: optionalText().transform((file) =>
        path.resolve(file ?? path.join(packageDir, 'users.json')),
      ),
      CLERK_EMULATOR_ORGANIZATIONS_FILE: optionalText().transform((file) =>
        path.resolve(file ?? path.join(packageDir, 'organizations.json')),
      ),
      ...appPorts,
    },
    runtimeEnv,
    onValidationError: throwEnvError('The local stack is not configured'),
  })
}
