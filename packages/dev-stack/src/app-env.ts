// Which env an app runs with: the user's own (real Clerk / hosted Supabase), else the local
// stack's. Each service is all-or-nothing: mixing a real Clerk key with the emulator's proxy URL
// would be broken, so a group is filled in only when the user set none of it.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { localEmulatorAppEnv } from '@repo/clerk-emulator'
import { DEFAULT_ANON_KEY } from '@repo/local-supabase'
import { parse } from 'dotenv'

export type AppName = 'next' | 'remix'

const SUPABASE_NAMES = {
  next: { url: 'NEXT_PUBLIC_SUPABASE_URL', key: 'NEXT_PUBLIC_SUPABASE_KEY' },
  remix: { url: 'SUPABASE_URL', key: 'SUPABASE_KEY' },
} as const

/** local-supabase's API, as `pnpm dev` runs it (same port as `supabase start`). */
export const LOCAL_SUPABASE_URL = 'http://127.0.0.1:54321'

/** The env the app would use against the local stack. */
export function localStackEnv(app: AppName): {
  clerk: Record<string, string>
  supabase: Record<string, string>
} {
  const names = SUPABASE_NAMES[app]
  return {
    clerk: localEmulatorAppEnv()[app],
    supabase: { [names.url]: LOCAL_SUPABASE_URL, [names.key]: DEFAULT_ANON_KEY },
  }
}

/** What the user configured: the process env over the app's .env.local and .env files. */
export function userEnv(appDir: string): Record<string, string | undefined> {
  const fromFiles: Record<string, string> = {}
  for (const file of ['.env', '.env.local']) {
    const full = path.join(appDir, file)
    if (existsSync(full)) Object.assign(fromFiles, parse(readFileSync(full)))
  }
  return { ...fromFiles, ...process.env }
}

export interface ResolvedEnv {
  /** Variables to add to the command's environment. */
  added: Record<string, string>
  clerk: 'emulator' | 'configured'
  supabase: 'local-supabase' | 'configured'
}

export function resolveAppEnv(app: AppName, appDir: string): ResolvedEnv {
  const configured = userEnv(appDir)
  const local = localStackEnv(app)
  const isSet = (group: Record<string, string>) =>
    Object.keys(group).some((name) => configured[name] !== undefined && configured[name] !== '')
  const clerkConfigured = isSet(local.clerk)
  const supabaseConfigured = isSet(local.supabase)
  return {
    added: {
      ...(clerkConfigured ? {} : local.clerk),
      ...(supabaseConfigured ? {} : local.supabase),
    },
    clerk: clerkConfigured ? 'configured' : 'emulator',
    supabase: supabaseConfigured ? 'configured' : 'local-supabase',
  }
}
