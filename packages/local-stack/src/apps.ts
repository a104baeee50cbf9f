// The kit's apps, as data: everything that lists apps (ports, the dev banner, with-local-env, the
// Clerk emulator's origins and webhook endpoints, the e2e projects, the bench, the smoke tests)
// reads this list, and skips an app whose folder is gone. Keeping one app is deleting the others'
// folders; a new app is one entry here.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** An env group: a service the user configures all at once, or leaves to the local stack. */
export interface EnvGroup {
  /**
   * What the user needs to set, each with where its value comes from. A renamed variable's old
   * name (RENAMED_VARIABLES in @repo/env) counts for it, as the app's env module reads it.
   */
  required: Record<string, string>
  /** Also part of the group: setting one means "I configured this service". */
  optional: readonly string[]
}

export interface KitApp {
  /** Its folder under apps/, and the name every tool calls it by. */
  dir: string
  /** Its workspace package, for `turbo --filter` and `turbo prune`. */
  package: string
  /** The framework it is built with; the Vite ones (Remix, React Router) share their dev server. */
  framework: 'next' | 'remix' | 'react-router'
  /** How the banner and the docs name it. */
  label: string
  /** What the banner adds after its URL. */
  note?: string
  /** The variable that moves its port under `pnpm dev` and `pnpm preview`, and the default. */
  portVariable: string
  defaultPort: number
  /** Where Clerk delivers webhooks to it. */
  webhookRoute: string
  /** Its variables, by service, under the names its Clerk SDK and env module read. */
  env: { clerk: EnvGroup; supabase: EnvGroup }
}

const CLERK_KEYS = 'the Clerk dashboard > API keys'
const SUPABASE_API = 'the Supabase dashboard > Project Settings > Data API'
const SUPABASE_PUBLISHABLE_KEY =
  'the Supabase dashboard > Project Settings > API Keys > Publishable key (or the legacy anon key)'
const WEBHOOK_ROUTE = '/api/webhooks/clerk'

/** The Supabase group under the Vite apps' names (they read no NEXT_PUBLIC_ prefix). */
const serverSupabase: EnvGroup = {
  required: { SUPABASE_URL: `${SUPABASE_API} > Project URL`, SUPABASE_PUBLISHABLE_KEY },
  optional: ['SUPABASE_SECRET_KEY'],
}

const REGISTRY = {
  next: {
    dir: 'next',
    package: '@repo/app-next',
    framework: 'next',
    label: 'Next.js',
    note: '(/ client-side, /ssr server)',
    portVariable: 'LOCAL_NEXT_PORT',
    defaultPort: 3000,
    webhookRoute: WEBHOOK_ROUTE,
    env: {
      clerk: {
        required: {
          NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: CLERK_KEYS,
          CLERK_SECRET_KEY: `${CLERK_KEYS} (server-only)`,
        },
        optional: [
          'CLERK_WEBHOOK_SIGNING_SECRET',
          'NEXT_PUBLIC_CLERK_PROXY_URL',
          'NEXT_PUBLIC_CLERK_JS_URL',
          'NEXT_PUBLIC_CLERK_UI_URL',
          'CLERK_API_URL',
          'CLERK_JWT_KEY',
        ],
      },
      supabase: {
        required: {
          NEXT_PUBLIC_SUPABASE_URL: `${SUPABASE_API} > Project URL`,
          NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: SUPABASE_PUBLISHABLE_KEY,
        },
        optional: ['SUPABASE_SECRET_KEY'],
      },
    },
  },
  remix: {
    dir: 'remix',
    package: '@repo/app-remix',
    framework: 'remix',
    label: 'Remix',
    portVariable: 'LOCAL_REMIX_PORT',
    defaultPort: 3001,
    webhookRoute: WEBHOOK_ROUTE,
    env: {
      clerk: {
        required: {
          CLERK_PUBLISHABLE_KEY: CLERK_KEYS,
          CLERK_SECRET_KEY: `${CLERK_KEYS} (server-only)`,
        },
        optional: [
          'CLERK_WEBHOOK_SIGNING_SECRET',
          'CLERK_PROXY_URL',
          'CLERK_JS',
          'CLERK_API_URL',
          'CLERK_JWT_KEY',
        ],
      },
      supabase: serverSupabase,
    },
  },
  'react-router': {
    dir: 'react-router',
    package: '@repo/app-react-router',
    framework: 'react-router',
    label: 'React Router',
    note: "(Remix's successor)",
    portVariable: 'LOCAL_REACT_ROUTER_PORT',
    defaultPort: 3002,
    webhookRoute: WEBHOOK_ROUTE,
    env: {
      clerk: {
        required: {
          CLERK_PUBLISHABLE_KEY: CLERK_KEYS,
          CLERK_SECRET_KEY: `${CLERK_KEYS} (server-only)`,
        },
        optional: [
          'CLERK_WEBHOOK_SIGNING_SECRET',
          'CLERK_PROXY_URL',
          'CLERK_JS_URL',
          'CLERK_UI_URL',
          'CLERK_API_URL',
          'CLERK_JWT_KEY',
        ],
      },
      supabase: serverSupabase,
    },
  },
} as const satisfies Record<string, KitApp>

export type AppName = keyof typeof REGISTRY

export const APPS: Readonly<Record<AppName, KitApp>> = REGISTRY

/** LOCAL_NEXT_PORT, LOCAL_REMIX_PORT, ...: the port variables, as the env module's keys. */
export type AppPortVariable = (typeof REGISTRY)[AppName]['portVariable']

/** Every app the kit knows, present or not, in the registry's order. */
export const APP_NAMES = Object.keys(APPS) as AppName[]

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/** An app's folder in this checkout. */
export const appDir = (app: AppName, root: string = repoRoot): string =>
  path.join(root, 'apps', APPS[app].dir)

/**
 * The apps this checkout has: those whose folder holds a package.json. A user who keeps one app
 * deletes the others' folders, and everything that starts, checks or delivers to apps asks here.
 */
export function presentApps(root: string = repoRoot): AppName[] {
  return APP_NAMES.filter((app) => existsSync(path.join(appDir(app, root), 'package.json')))
}

/** Whether `name` is an app of the registry (for a command-line argument). */
export const isAppName = (name: string): name is AppName => Object.hasOwn(APPS, name)
