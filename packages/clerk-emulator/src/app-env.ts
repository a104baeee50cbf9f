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

export interface AppEnv {
  /** @clerk/nextjs 7 names. NEXT_PUBLIC_* are inlined into the browser bundle at build time. */
  next: Record<string, string>
  /** @clerk/remix 4 names (it reads CLERK_JS, not CLERK_JS_URL). */
  remix: Record<string, string>
  /** @clerk/react-router 3 names: Core 3 like Next (clerk-js 6 and @clerk/ui), read at run time. */
  'react-router': Record<string, string>
}

/**
 * The env each app needs to use the emulator instead of Clerk. The same variables pointed at a
 * real Clerk instance (its keys, no proxy or script URLs) switch an app to Clerk.
 */
export function appEnv(instance: Instance, key: SigningKey, webhookSecret: string): AppEnv {
  const bundles = bundleUrls(instance.origin)
  // Server-only, like CLERK_SECRET_KEY: the webhook route verifies deliveries with it.
  const webhooks = { CLERK_WEBHOOK_SIGNING_SECRET: webhookSecret }
  return {
    next: {
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: instance.publishableKey,
      CLERK_SECRET_KEY: instance.secretKey,
      NEXT_PUBLIC_CLERK_PROXY_URL: instance.proxyUrl,
      NEXT_PUBLIC_CLERK_JS_URL: bundles.clerkJs6,
      NEXT_PUBLIC_CLERK_UI_URL: bundles.clerkUi,
      CLERK_API_URL: instance.origin,
      CLERK_JWT_KEY: key.publicPem.trim(),
      NEXT_PUBLIC_CLERK_TELEMETRY_DISABLED: '1',
      NEXT_PUBLIC_CLERK_KEYLESS_DISABLED: '1',
      ...webhooks,
    },
    remix: {
      CLERK_PUBLISHABLE_KEY: instance.publishableKey,
      CLERK_SECRET_KEY: instance.secretKey,
      CLERK_PROXY_URL: instance.proxyUrl,
      CLERK_JS: bundles.clerkJs5,
      CLERK_API_URL: instance.origin,
      CLERK_JWT_KEY: key.publicPem.trim(),
      CLERK_TELEMETRY_DISABLED: '1',
      ...webhooks,
    },
    'react-router': {
      CLERK_PUBLISHABLE_KEY: instance.publishableKey,
      CLERK_SECRET_KEY: instance.secretKey,
      CLERK_PROXY_URL: instance.proxyUrl,
      CLERK_JS_URL: bundles.clerkJs6,
      CLERK_UI_URL: bundles.clerkUi,
      CLERK_API_URL: instance.origin,
      CLERK_JWT_KEY: key.publicPem.trim(),
      CLERK_TELEMETRY_DISABLED: '1',
      CLERK_KEYLESS_DISABLED: '1',
      ...webhooks,
    },
  }
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
