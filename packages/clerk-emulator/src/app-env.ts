import { bundleUrls } from './bundles.ts'
import { createEmulator } from './emulator.ts'
import { readEnv } from './env.ts'
import type { Instance } from './instance.ts'
import { loadOrCreateSecretKey, loadOrCreateSigningKey, type SigningKey } from './keys.ts'

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
export function appEnv(instance: Instance, key: SigningKey): AppEnv {
  const bundles = bundleUrls(instance.origin)
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
    },
    remix: {
      CLERK_PUBLISHABLE_KEY: instance.publishableKey,
      CLERK_SECRET_KEY: instance.secretKey,
      CLERK_PROXY_URL: instance.proxyUrl,
      CLERK_JS: bundles.clerkJs5,
      CLERK_API_URL: instance.origin,
      CLERK_JWT_KEY: key.publicPem.trim(),
      CLERK_TELEMETRY_DISABLED: '1',
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
} {
  const env = readEnv()
  const key = loadOrCreateSigningKey({ pem: env.signingKeyPem, file: env.signingKeyFile })
  const secretKey = loadOrCreateSecretKey({ value: env.secretKey, file: env.secretKeyFile })
  return { port: env.port, origin: env.origin, key, secretKey }
}

/** What `print-env` prints: the env for the emulator `pnpm dev` runs (its port and key file). */
export function localEmulatorAppEnv(): AppEnv {
  const { origin, key, secretKey } = localEmulatorSettings()
  const { instance } = createEmulator({ origin, key, secretKey, users: [], log: () => undefined })
  return appEnv(instance, key)
}
