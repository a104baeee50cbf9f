import { DEFAULT_VERIFICATION_CODE } from '@repo/clerk-emulator'
import {
  APPS,
  type AppName,
  type LocalStack,
  type SeedOrganization,
  type SeedUser,
} from '@repo/local-stack'

export interface BannerFacts {
  stack: LocalStack
  users: { alice: SeedUser; bob: SeedUser; carol: SeedUser }
  organizations: SeedOrganization[]
  secrets: { anonKey: string; serviceRoleKey: string; dbPassword: string; clerkSecretKey: string }
  secretsDir: string
  /** The apps this checkout has (presentApps()): a deleted app is neither listed nor waited for. */
  apps: AppName[]
}

/** The banner's headline: what tools watching `pnpm dev` wait for. */
export const BANNER_TITLE = 'Clerk + Supabase kit is running'

/** What `pnpm dev` and `pnpm preview` print once everything answers. */
export function renderBanner(facts: BannerFacts): string {
  const { stack, users, organizations, secrets, secretsDir, apps } = facts
  const { alice, bob, carol } = users
  const byId = new Map(Object.values(users).map((user) => [user.id, user]))
  const memberList = (organization: SeedOrganization) =>
    organization.members
      .map(({ userId, role }) => {
        const name = byId.get(userId)?.email.split('@')[0] ?? userId
        return `${name} ${role.replace('org:', '')}`
      })
      .join(', ')
  const postgresUrl = `postgres://postgres:${encodeURIComponent(secrets.dbPassword)}@127.0.0.1:${stack.supabase.dbPort}/postgres`
  return [
    '',
    '┌──────────────────────────────────────────────────────────────────┐',
    `  ${BANNER_TITLE} (Ctrl-C stops everything)`,
    '',
    ...apps.map((app) => bannerRow(stack, app)),
    '',
    `  Sign in:  ${alice.email} / ${alice.password}`,
    `            ${bob.email} / ${bob.password}`,
    `            ${carol.email} / ${carol.password}`,
    `  Organizations (switch in the header): ${organizations
      .map((organization) => `${organization.name} (${memberList(organization)})`)
      .join(', ')}`,
    `  Sign up:  any new email; the verification code is ${DEFAULT_VERIFICATION_CODE}`,
    '',
    `  Clerk emulator  ${stack.emulator.origin}   local-supabase  ${stack.supabase.url}`,
    '',
    `  This checkout's keys (random, kept in ${secretsDir}):`,
    `    Supabase publishable key  ${secrets.anonKey}`,
    `    Supabase secret key       ${secrets.serviceRoleKey}  (server-only: bypasses RLS)`,
    `    Postgres                  ${postgresUrl}`,
    `    Clerk secret key          ${secrets.clerkSecretKey}`,
    '└──────────────────────────────────────────────────────────────────┘',
    '',
  ].join('\n')
}

/** The banner's row for one app: its name, its URL and what it shows. */
export function bannerRow(stack: LocalStack, app: AppName): string {
  const { label, note } = APPS[app]
  const url = stack.apps[app].url
  return `  ${label.padEnd(15)}${note ? `${url.padEnd(24)}${note}` : url}`
}

/** Where the banner waits for each service to answer before it prints. */
export function readinessUrls(stack: LocalStack, apps: AppName[]): [name: string, url: string][] {
  return [
    ['Clerk emulator', stack.emulator.jwksUrl],
    ['local-supabase', `${stack.supabase.url}/health`],
    ...apps.map((app): [string, string] => [
      `${APPS[app].label} app`,
      `${stack.apps[app].url}/sign-in`,
    ]),
  ]
}
