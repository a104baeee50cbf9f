// The only place the emulator reads process.env; each value is checked here. Where it listens
// comes from @repo/local-stack, with every other part of the offline stack.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { EnvError } from '@repo/env'
import { localStack } from '@repo/local-stack'
import { parseOrigin } from './instance.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export interface EmulatorEnv {
  port: number
  origin: string
  signingKeyPem: string | undefined
  signingKeyFile: string
  secretKey: string | undefined
  secretKeyFile: string
  createdUsersFile: string
  testEndpoints: boolean
  /** Apps beyond the local ones that may use the emulator (CORS, handshake redirects). */
  allowedOrigins: string[]
}

export function readEnv(): EmulatorEnv {
  const { port, origin } = localStack().emulator
  const allowedOrigins = (process.env.CLERK_EMULATOR_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean)
    .map((value) => {
      const parsed = parseOrigin(value)
      if (!parsed) {
        throw new EnvError('The Clerk emulator is not configured', [
          `CLERK_EMULATOR_ALLOWED_ORIGINS must be comma-separated origins such as http://localhost:5173 (scheme, host and port; no path, no wildcard); "${value}" is not one.`,
        ])
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
    createdUsersFile: path.join(stateDir, 'users.json'),
    testEndpoints: process.env.CLERK_EMULATOR_TEST_ENDPOINTS === '1',
    allowedOrigins,
  }
}

/** Where a test's Chromium is, when set (else the usual Debian paths are tried). */
export function chromiumPathSetting(): string | undefined {
  return process.env.CHROMIUM_PATH?.trim() || undefined
}
