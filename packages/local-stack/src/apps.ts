// The kit's apps, as data: everything that lists apps (ports, the dev banner, with-local-env, the
// Clerk emulator's webhook endpoints, the e2e projects, the bench, the smoke tests) reads this
// list, and skips an app whose folder is gone. Keeping one app is deleting the others' folders.
// A new app is an entry here, plus what no code can derive: its port variable in the root
// turbo.json's env lists, and a devDependency of dev-stack, e2e and bench (a test checks those).
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { NEXT_VARIABLES } from '@repo/supabase-clerk/next/variables'
import { REACT_ROUTER_VARIABLES } from '@repo/supabase-clerk/react-router/variables'
import { REMIX_VARIABLES } from '@repo/supabase-clerk/remix/variables'
import type { FrameworkVariables } from '@repo/supabase-clerk/variables'

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
  /** Its env variable names, as its framework's preset in @repo/supabase-clerk declares them. */
  variables: FrameworkVariables
}

const WEBHOOK_ROUTE = '/api/webhooks/clerk'

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
    variables: NEXT_VARIABLES,
  },
  remix: {
    dir: 'remix',
    package: '@repo/app-remix',
    framework: 'remix',
    label: 'Remix',
    portVariable: 'LOCAL_REMIX_PORT',
    defaultPort: 3001,
    webhookRoute: WEBHOOK_ROUTE,
    variables: REMIX_VARIABLES,
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
    variables: REACT_ROUTER_VARIABLES,
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
