import { readFileSync } from 'node:fs'
import { EnvError } from '@repo/env'
import { readEnv } from './env.ts'

/** A user the Clerk emulator starts with (users.json, or CLERK_EMULATOR_USERS_FILE). */
export interface SeedUser {
  id: string
  email: string
  password: string
  firstName?: string
  lastName?: string
}

function isSeedUser(value: unknown): value is SeedUser {
  const user = value as Partial<SeedUser> | null
  return (
    typeof user?.id === 'string' &&
    user.id.startsWith('user_') &&
    typeof user.email === 'string' &&
    typeof user.password === 'string'
  )
}

export function readSeedUsers(file: string = readEnv().CLERK_EMULATOR_USERS_FILE): SeedUser[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new EnvError('The seeded users cannot be read', [
      `Cannot read ${file} (CLERK_EMULATOR_USERS_FILE): ${String(error)}`,
    ])
  }
  if (!Array.isArray(parsed) || !parsed.every(isSeedUser)) {
    throw new EnvError('The seeded users cannot be read', [
      `${file} must be a JSON array of { "id": "user_...", "email": "...", "password": "..." }.`,
    ])
  }
  return parsed
}

/** The users the README, the banner and the tests sign in as, with their dev passwords. */
export function seededUsers(): { alice: SeedUser; bob: SeedUser; carol: SeedUser } {
  const users = readSeedUsers()
  const find = (email: string) => {
    const user = users.find((candidate) => candidate.email === email)
    if (!user) throw new Error(`${email} is missing from the seeded users (users.json)`)
    return user
  }
  return {
    alice: find('alice@example.com'),
    bob: find('bob@example.com'),
    carol: find('carol@example.com'),
  }
}
