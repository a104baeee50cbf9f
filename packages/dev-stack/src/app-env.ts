// Which env an app runs with: the user's own (real Clerk / hosted Supabase), else the local
// stack's. Each service is all-or-nothing: mixing a real Clerk key with the emulator's proxy URL
// would be broken, so a group is filled in only when the user set none of it, and a group set by
// half is an error that names the missing half.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { localEmulatorAppEnv } from '@repo/clerk-emulator'
import { WEBHOOK_VARIABLES } from '@repo/clerk-sync/webhook-variables'
import { oldNameOf } from '@repo/env'
import { APP_NAMES, APPS, type AppName, localStack } from '@repo/local-stack'
import { localStackSecrets } from '@repo/local-supabase'
import { WHERE_FROM } from '@repo/supabase-clerk/variables'
import { parse } from 'dotenv'

/** A service the user configures all at once, or leaves to the local stack. */
interface Group {
  /**
   * What the user needs to set, each with where its value comes from. A renamed variable's old
   * name (RENAMED_VARIABLES in @repo/env) counts for it, as the app's env module reads it.
   */
  required: Record<string, string>
  /** Also part of the group: setting one means "I configured this service". */
  optional: string[]
}

/** Which env files the framework itself loads: `next dev` / `vite dev`, or build and start. */
export type EnvMode = 'development' | 'production'

/** Every name that belongs to the group: its variables and their old names. */
function members(group: Group): string[] {
  return [...Object.keys(group.required), ...group.optional].flatMap((name) => {
    const oldName = oldNameOf(name)
    return oldName ? [name, oldName] : [name]
  })
}

/**
 * An app's groups, from the names its framework's preset declares (the registry in
 * @repo/local-stack says which preset) and the webhook pair @repo/clerk-sync declares: the
 * signing secret is Clerk's, the secret key Supabase's.
 */
function groupsOf(app: AppName): { clerk: Group; supabase: Group } {
  const { clerk, supabase } = APPS[app].variables
  const [signingSecret, secretKey] = WEBHOOK_VARIABLES
  return {
    clerk: {
      required: {
        [clerk.publishableKey]: WHERE_FROM.clerkPublishableKey,
        [clerk.secretKey]: WHERE_FROM.clerkSecretKey,
      },
      optional: [
        signingSecret,
        clerk.proxyUrl,
        clerk.jsUrl,
        ...(clerk.uiUrl ? [clerk.uiUrl] : []),
        clerk.apiUrl,
        clerk.jwtKey,
      ],
    },
    supabase: {
      required: {
        [supabase.url]: WHERE_FROM.supabaseUrl,
        [supabase.publishableKey]: WHERE_FROM.supabasePublishableKey,
      },
      optional: [secretKey],
    },
  }
}

const GROUPS = Object.fromEntries(APP_NAMES.map((app) => [app, groupsOf(app)])) as Record<
  AppName,
  { clerk: Group; supabase: Group }
>

/** The Clerk SDK's own switches an app reads (telemetry, keyless): in no group, since they change
 * nothing about which Clerk it talks to. */
export function sdkSwitches(app: AppName): string[] {
  const { telemetryDisabled, keylessDisabled } = APPS[app].variables.clerk
  return keylessDisabled ? [telemetryDisabled, keylessDisabled] : [telemetryDisabled]
}

/** Every variable of the apps' Clerk and Supabase groups, old names included. */
export const APP_ENV_VARIABLES: string[] = [
  ...new Set(Object.values(GROUPS).flatMap((groups) => Object.values(groups).flatMap(members))),
]

/** Each app's Clerk and Supabase variables, old names included, to check turbo.json against. */
export function appEnvVariables(app: AppName): string[] {
  return Object.values(GROUPS[app]).flatMap(members)
}

/** Each app's Clerk and Supabase variables under their current names: what its docs list. */
export function currentAppEnvVariables(app: AppName): string[] {
  return Object.values(GROUPS[app]).flatMap((group) => [
    ...Object.keys(group.required),
    ...group.optional,
  ])
}

/** What a user must set of each of this app's groups (current names), for the tests. */
export function requiredVariables(app: AppName): { clerk: string[]; supabase: string[] } {
  return {
    clerk: Object.keys(GROUPS[app].clerk.required),
    supabase: Object.keys(GROUPS[app].supabase.required),
  }
}

/** A Supabase URL, publishable key and secret key under this app's (current) variable names. */
export function supabaseVariables(
  app: AppName,
  url: string,
  key: string,
  secretKey: string,
): Record<string, string> {
  const [urlName, keyName] = Object.keys(GROUPS[app].supabase.required)
  const [, secretKeyName] = WEBHOOK_VARIABLES
  return { [urlName as string]: url, [keyName as string]: key, [secretKeyName]: secretKey }
}

/** The files Next.js and Vite load in this mode, lowest precedence first. */
export function envFiles(mode: EnvMode): string[] {
  return ['.env', `.env.${mode}`, '.env.local', `.env.${mode}.local`]
}

export interface UserValue {
  value: string
  /** "the process env" or the file it came from, e.g. "apps/next/.env.local". */
  from: string
}

/**
 * What the user configured: the process env over the app's env files. Empty values count as
 * unset, as the apps' own checks treat them.
 */
export function userEnv(appDir: string, mode: EnvMode): Record<string, UserValue> {
  const found: Record<string, UserValue> = {}
  const label = path.relative(process.cwd(), appDir) || '.'
  for (const file of envFiles(mode)) {
    const full = path.join(appDir, file)
    if (!existsSync(full)) continue
    for (const [name, value] of Object.entries(parse(readFileSync(full)))) {
      if (value.trim() !== '') found[name] = { value, from: path.join(label, file) }
    }
  }
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && value.trim() !== '') found[name] = { value, from: 'the process env' }
  }
  return found
}

export class HalfConfiguredError extends Error {
  override name = 'HalfConfiguredError'
}

export interface ResolvedEnv {
  /**
   * Variables to add to the command's environment: the local stack's for a group left unset, and
   * the values of a group set in env files (so a server that loads no files, like remix-serve,
   * sees what the framework's dev server would).
   */
  added: Record<string, string>
  clerk: 'emulator' | 'configured'
  supabase: 'local-supabase' | 'configured'
}

function groupState(
  service: string,
  local: string,
  group: Group,
  configured: Record<string, UserValue>,
): 'local' | 'configured' {
  const set = members(group).filter((name) => configured[name])
  if (set.length === 0) return 'local'
  const missing = Object.keys(group.required).filter(
    (name) => ![name, oldNameOf(name)].some((either) => either && configured[either]),
  )
  if (missing.length > 0) {
    const setList = set.map((name) => `${name} (from ${configured[name]?.from})`).join(', ')
    const missingList = missing
      .map((name) => `${name} (from ${group.required[name]})`)
      .join(' and ')
    throw new HalfConfiguredError(
      `The ${service} settings are only half set: ${setList} ${set.length === 1 ? 'is' : 'are'} set, but ${missingList} ${missing.length === 1 ? 'is' : 'are'} not. Set the missing ${missing.length === 1 ? 'one' : 'ones'}, or unset the group to use ${local}. Local values are never mixed with yours.`,
    )
  }
  return 'configured'
}

const configuredUnder = (name: string, configured: Record<string, UserValue>) =>
  [name, oldNameOf(name)].some((either) => either !== undefined && configured[either] !== undefined)

export function resolveAppEnv(app: AppName, appDir: string, mode: EnvMode): ResolvedEnv {
  const configured = userEnv(appDir, mode)
  const groups = GROUPS[app]
  const clerk = groupState('Clerk', 'the Clerk emulator', groups.clerk, configured)
  const supabase = groupState('Supabase', 'local-supabase', groups.supabase, configured)
  const fromFiles = (group: Group) =>
    Object.fromEntries(
      members(group).flatMap((name) => {
        const found = configured[name]
        return found && found.from !== 'the process env' ? [[name, found.value]] : []
      }),
    )
  const added: Record<string, string> = {
    // The emulator's env reads (or creates) its signing key: only when it is the one used.
    ...(clerk === 'local' ? localEmulatorAppEnv()[app] : fromFiles(groups.clerk)),
    ...(supabase === 'local'
      ? supabaseVariables(
          app,
          localStack().supabase.url,
          localStackSecrets().anonKey,
          localStackSecrets().serviceRoleKey,
        )
      : fromFiles(groups.supabase)),
  }
  // The webhook pair spans both groups. A local half beside a configured group that lacks the
  // other half (real Clerk with no webhook endpoint yet) is dropped, so the app starts with
  // webhooks off instead of stopping on a pair this tool made half.
  // What turns the webhook route on: both or neither (@repo/clerk-sync's env says why).
  const present = WEBHOOK_VARIABLES.filter(
    (name) => added[name] || configuredUnder(name, configured),
  )
  if (present.length === 1 && present[0] && !configuredUnder(present[0], configured)) {
    delete added[present[0]]
  }
  return {
    added,
    clerk: clerk === 'local' ? 'emulator' : 'configured',
    supabase: supabase === 'local' ? 'local-supabase' : 'configured',
  }
}
