// The only place the emulator reads process.env; each value is checked here.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseOrigin } from './instance.ts'
import type { SeedUser } from './store.ts'

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const repoRoot = path.resolve(packageDir, '../..')

export class EnvError extends Error {
  override name = 'EnvError'
}

export interface EmulatorEnv {
  port: number
  origin: string
  signingKeyPem: string | undefined
  signingKeyFile: string
  secretKey: string | undefined
  secretKeyFile: string
  seedUsersFile: string
  createdUsersFile: string
  testEndpoints: boolean
  /** Apps beyond the local ones that may use the emulator (CORS, handshake redirects). */
  allowedOrigins: string[]
}

export function readEnv(): EmulatorEnv {
  const rawPort = process.env.CLERK_EMULATOR_PORT?.trim() || '4100'
  const port = Number(rawPort)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new EnvError(`CLERK_EMULATOR_PORT must be a TCP port (got "${rawPort}").`)
  }
  const origin = process.env.CLERK_EMULATOR_ORIGIN?.trim() || `http://localhost:${port}`
  if (!/^https?:\/\/[^/]+$/.test(origin)) {
    throw new EnvError(
      `CLERK_EMULATOR_ORIGIN must be an origin such as http://localhost:${port} (no path), on the same hostname as the apps so cookies are shared (got "${origin}").`,
    )
  }
  const allowedOrigins = (process.env.CLERK_EMULATOR_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean)
    .map((value) => {
      const parsed = parseOrigin(value)
      if (!parsed) {
        throw new EnvError(
          `CLERK_EMULATOR_ALLOWED_ORIGINS must be comma-separated origins such as http://localhost:5173 (scheme, host and port; no path, no wildcard); "${value}" is not one.`,
        )
      }
      return parsed
    })
  const stateDir = path.join(repoRoot, '.local', 'clerk-emulator')
  return {
    port,
    origin,
    signingKeyPem: process.env.CLERK_EMULATOR_SIGNING_KEY?.trim() || undefined,
    signingKeyFile:
      process.env.CLERK_EMULATOR_KEY_FILE?.trim() || path.join(stateDir, 'signing-key.pem'),
    secretKey: process.env.CLERK_EMULATOR_SECRET_KEY?.trim() || undefined,
    secretKeyFile: path.join(stateDir, 'secret-key'),
    seedUsersFile:
      process.env.CLERK_EMULATOR_USERS_FILE?.trim() || path.join(packageDir, 'users.json'),
    createdUsersFile: path.join(stateDir, 'users.json'),
    testEndpoints: process.env.CLERK_EMULATOR_TEST_ENDPOINTS === '1',
    allowedOrigins,
  }
}

export function readSeedUsers(file: string): SeedUser[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new EnvError(
      `Cannot read the seeded users from ${file} (CLERK_EMULATOR_USERS_FILE): ${String(error)}`,
    )
  }
  if (
    !Array.isArray(parsed) ||
    !parsed.every(
      (user) =>
        typeof user?.id === 'string' &&
        user.id.startsWith('user_') &&
        typeof user.email === 'string' &&
        typeof user.password === 'string',
    )
  ) {
    throw new EnvError(
      `${file} must be a JSON array of { "id": "user_...", "email": "...", "password": "..." }.`,
    )
  }
  return parsed as SeedUser[]
}

/** Where a test's Chromium is, when set (else the usual Debian paths are tried). */
export function chromiumPathSetting(): string | undefined {
  return process.env.CHROMIUM_PATH?.trim() || undefined
}
