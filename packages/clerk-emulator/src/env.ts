// The only place the emulator reads process.env; each value is checked here. Where it listens
// comes from @repo/local-stack, with every other part of the offline stack.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isHttpUrl, optionalText, throwEnvError } from '@repo/env'
import { APPS, localStack, presentApps } from '@repo/local-stack'
import { createEnv } from '@t3-oss/env-core'
import { parseOrigin } from './instance.ts'

/** Where every app here takes Clerk's webhooks. */
export const WEBHOOK_PATH = '/api/webhooks/clerk'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export interface EmulatorEnv {
  port: number
  origin: string
  signingKeyPem: string | undefined
  signingKeyFile: string
  secretKey: string | undefined
  secretKeyFile: string
  createdUsersFile: string
  createdOrganizationsFile: string
  webhookSecret: string | undefined
  webhookSecretFile: string
  /** Where webhooks go: by default each local app's /api/webhooks/clerk. */
  webhookEndpoints: string[]
  testEndpoints: boolean
  /** Apps beyond the local ones that may use the emulator (CORS, handshake redirects). */
  allowedOrigins: string[]
}

const ALLOWED_ORIGINS_PROBLEM =
  'CLERK_EMULATOR_ALLOWED_ORIGINS must be comma-separated origins such as http://localhost:5173 (scheme, host and port; no path, no wildcard)'

export function readEnv(runtimeEnv: Record<string, string | undefined> = process.env): EmulatorEnv {
  const env = createEnv({
    server: {
      CLERK_EMULATOR_ALLOWED_ORIGINS: optionalText().transform((list, context) =>
        (list ?? '')
          .split(',')
          .map((value) => value.trim())
          .filter(Boolean)
          .map((value) => {
            const origin = parseOrigin(value)
            if (!origin) {
              context.addIssue({
                code: 'custom',
                message: `${ALLOWED_ORIGINS_PROBLEM}; "${value}" is not one.`,
              })
            }
            return origin ?? value
          }),
      ),
      CLERK_EMULATOR_SIGNING_KEY: optionalText(),
      CLERK_EMULATOR_KEY_FILE: optionalText(),
      CLERK_EMULATOR_SECRET_KEY: optionalText(),
      CLERK_EMULATOR_TEST_ENDPOINTS: optionalText(),
      CLERK_EMULATOR_WEBHOOK_SECRET: optionalText().refine(
        (secret) => secret === undefined || secret.startsWith('whsec_'),
        { error: 'CLERK_EMULATOR_WEBHOOK_SECRET must start with whsec_.' },
      ),
      CLERK_EMULATOR_WEBHOOK_ENDPOINTS: optionalText().transform((list, context) => {
        if (list === undefined) return undefined
        if (list === 'none') return []
        return list
          .split(',')
          .map((value) => value.trim())
          .filter(Boolean)
          .map((value) => {
            if (!isHttpUrl(value)) {
              context.addIssue({
                code: 'custom',
                message: `CLERK_EMULATOR_WEBHOOK_ENDPOINTS must be comma-separated http(s) URLs, or "none"; "${value}" is not one.`,
              })
            }
            return value
          })
      }),
    },
    runtimeEnv,
    onValidationError: throwEnvError('The Clerk emulator is not configured'),
  })
  const { port, origin } = localStack(runtimeEnv).emulator
  const stateDir = path.join(repoRoot, '.local', 'clerk-emulator')
  return {
    port,
    origin,
    signingKeyPem: env.CLERK_EMULATOR_SIGNING_KEY,
    signingKeyFile: env.CLERK_EMULATOR_KEY_FILE ?? path.join(stateDir, 'signing-key.pem'),
    secretKey: env.CLERK_EMULATOR_SECRET_KEY,
    secretKeyFile: path.join(stateDir, 'secret-key'),
    createdUsersFile: path.join(stateDir, 'users.json'),
    createdOrganizationsFile: path.join(stateDir, 'organizations.json'),
    webhookSecret: env.CLERK_EMULATOR_WEBHOOK_SECRET,
    webhookSecretFile: path.join(stateDir, 'webhook-secret'),
    webhookEndpoints:
      env.CLERK_EMULATOR_WEBHOOK_ENDPOINTS ??
      presentApps().map(
        (app) => `${localStack(runtimeEnv).apps[app].url}${APPS[app].webhookRoute}`,
      ),
    testEndpoints: env.CLERK_EMULATOR_TEST_ENDPOINTS === '1',
    allowedOrigins: env.CLERK_EMULATOR_ALLOWED_ORIGINS,
  }
}

/** Where a test's Chromium is, when set (else the usual Debian paths are tried). */
export function chromiumPathSetting(): string | undefined {
  return process.env.CHROMIUM_PATH?.trim() || undefined
}
