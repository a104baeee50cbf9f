import { WEBHOOK_VARIABLES } from '@repo/clerk-sync/webhook-variables'
import { APP_NAMES, APPS, type AppName } from '@repo/local-stack'
import { bundleUrls } from './bundles.ts'
import { createEmulator } from './emulator.ts'
import { readEnv } from './env.ts'
import type { Instance } from './instance.ts'
import {
  loadOrCreateSecretKey,
  loadOrCreateSigningKey,
  loadOrCreateWebhookSecret,
  type SigningKey,
} from './keys.ts'

/** Each app's Clerk variables for the emulator, under the names its framework's preset declares. */
export type AppEnv = Record<AppName, Record<string, string>>

/**
 * The env each app needs to use the emulator instead of Clerk. The same variables pointed at a
 * real Clerk instance (its keys, no proxy or script URLs) switch an app to Clerk.
 */
export function appEnv(instance: Instance, key: SigningKey, webhookSecret: string): AppEnv {
  const bundles = bundleUrls(instance.origin)
  const [signingSecret] = WEBHOOK_VARIABLES
  const forApp = (app: AppName): Record<string, string> => {
    const names = APPS[app].variables.clerk
    const env: Record<string, string> = {
      [names.publishableKey]: instance.publishableKey,
      [names.secretKey]: instance.secretKey,
      [names.proxyUrl]: instance.proxyUrl,
      // @clerk/remix 4 loads clerk-js 5; the Core 3 SDKs clerk-js 6 and @clerk/ui.
      [names.jsUrl]: names.clerkJsMajor === 5 ? bundles.clerkJs5 : bundles.clerkJs6,
      [names.apiUrl]: instance.origin,
      [names.jwtKey]: key.publicPem.trim(),
      [names.telemetryDisabled]: '1',
      // Server-only, like the secret key: the webhook route verifies deliveries with it.
      [signingSecret]: webhookSecret,
    }
    if (names.uiUrl) env[names.uiUrl] = bundles.clerkUi
    if (names.keylessDisabled) env[names.keylessDisabled] = '1'
    return env
  }
  return Object.fromEntries(APP_NAMES.map((app) => [app, forApp(app)])) as AppEnv
}

/** dotenv text; multi-line values (the PEM) are double-quoted with \n escapes. */
export function toDotenv(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) =>
      /[\n"#\s]/.test(value)
        ? `${name}="${value.replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`
        : `${name}=${value}`,
    )
    .join('\n')
    .concat('\n')
}

/**
 * Where the emulator `pnpm dev` runs listens, the key it signs with and its secret key (each from
 * env, else from this checkout's .local/clerk-emulator/, made on first use).
 */
export function localEmulatorSettings(): {
  port: number
  origin: string
  key: SigningKey
  secretKey: string
  webhookSecret: string
} {
  const env = readEnv()
  const key = loadOrCreateSigningKey({ pem: env.signingKeyPem, file: env.signingKeyFile })
  const secretKey = loadOrCreateSecretKey({ value: env.secretKey, file: env.secretKeyFile })
  const webhookSecret = loadOrCreateWebhookSecret({
    value: env.webhookSecret,
    file: env.webhookSecretFile,
  })
  return { port: env.port, origin: env.origin, key, secretKey, webhookSecret }
}

/** What `print-env` prints: the env for the emulator `pnpm dev` runs (its port and key file). */
export function localEmulatorAppEnv(): AppEnv {
  const { origin, key, secretKey, webhookSecret } = localEmulatorSettings()
  const { instance } = createEmulator({ origin, key, secretKey, users: [], log: () => undefined })
  return appEnv(instance, key, webhookSecret)
}
