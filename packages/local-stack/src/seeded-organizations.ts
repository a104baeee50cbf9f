import { readFileSync } from 'node:fs'
import { EnvError } from '@repo/env'
import { readEnv } from './env.ts'

/** Clerk's two default organization roles, the only ones the emulator knows. */
export const ORGANIZATION_ROLES = ['org:admin', 'org:member'] as const
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number]

export const isOrganizationRole = (role: unknown): role is OrganizationRole =>
  (ORGANIZATION_ROLES as readonly unknown[]).includes(role)

/** An organization the Clerk emulator starts with (organizations.json), and who is in it. */
export interface SeedOrganization {
  id: string
  name: string
  slug: string
  members: { userId: string; role: OrganizationRole }[]
}

function isSeedOrganization(value: unknown): value is SeedOrganization {
  const organization = value as Partial<SeedOrganization> | null
  return (
    typeof organization?.id === 'string' &&
    organization.id.startsWith('org_') &&
    typeof organization.name === 'string' &&
    typeof organization.slug === 'string' &&
    Array.isArray(organization.members) &&
    organization.members.every(
      (member) => typeof member?.userId === 'string' && isOrganizationRole(member.role),
    )
  )
}

export function readSeedOrganizations(
  file: string = readEnv().CLERK_EMULATOR_ORGANIZATIONS_FILE,
): SeedOrganization[] {
  const problem = (detail: string) =>
    new EnvError('The seeded organizations cannot be read', [detail])
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw problem(`Cannot read ${file} (CLERK_EMULATOR_ORGANIZATIONS_FILE): ${String(error)}`)
  }
  if (!Array.isArray(parsed) || !parsed.every(isSeedOrganization)) {
    throw problem(
      `${file} must be a JSON array of { "id": "org_...", "name": "...", "slug": "...", "members": [{ "userId": "user_...", "role": "org:admin" | "org:member" }] }.`,
    )
  }
  return parsed
}

/** Acme (alice admin, bob member) and Globex (carol admin), which the tests and docs use. */
export function seededOrganizations(): { acme: SeedOrganization; globex: SeedOrganization } {
  const organizations = readSeedOrganizations()
  const find = (slug: string) => {
    const organization = organizations.find((candidate) => candidate.slug === slug)
    if (!organization) {
      throw new Error(`${slug} is missing from the seeded organizations (organizations.json)`)
    }
    return organization
  }
  return { acme: find('acme'), globex: find('globex') }
}
