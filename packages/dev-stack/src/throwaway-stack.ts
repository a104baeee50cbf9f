// A built app on a stack of its own: a Clerk emulator and local-supabase started for one test
// file, with secrets made for this run, so a test can look for them in what the app sends.
import { randomBytes } from 'node:crypto'
import { type AppEnv, appEnv } from '@repo/clerk-emulator'
import { startTestEmulator, type TestEmulator } from '@repo/clerk-emulator/testing'
import { type LocalSupabase, localStackSecrets, startLocalSupabase } from '@repo/local-supabase'
import type { RunningApp } from './testing.ts'

export interface ThrowawayServices {
  clerkEnv: AppEnv
  supabaseUrl: string
  supabaseKey: string
  serviceRoleKey: string
}

export interface ThrowawayStackOptions {
  /**
   * Fixed ports, for builds that inlined the local stack's URLs (Next's NEXT_PUBLIC_*);
   * omitted, free ports are used.
   */
  ports?: { clerk: number; supabase: number }
  start(services: ThrowawayServices): Promise<RunningApp>
}

/** The server-only values the app was given, each random and made for this run only. */
export interface RunSecrets {
  clerkSecretKey: string
  webhookSigningSecret: string
  supabaseSecretKey: string
}

export interface AppOnThrowawayStack {
  clerk: TestEmulator
  supabase: LocalSupabase
  app: RunningApp
  secrets: RunSecrets
  stop(): Promise<void>
}

/** Letters and digits only: no serializer escapes them, so a scan finds them verbatim. */
const randomAlphanumeric = (length: number) =>
  randomBytes(length * 2)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, length)

export async function startAppOnThrowawayStack(
  options: ThrowawayStackOptions,
): Promise<AppOnThrowawayStack> {
  const secrets: RunSecrets = {
    clerkSecretKey: `sk_test_${randomAlphanumeric(48)}`,
    // Svix secrets are base64 after the prefix; 40 letters and digits are valid base64.
    webhookSigningSecret: `whsec_${randomAlphanumeric(40)}`,
    supabaseSecretKey: `sb_secret_${randomAlphanumeric(32)}`,
  }
  const clerk = await startTestEmulator({
    port: options.ports?.clerk,
    secretKey: secrets.clerkSecretKey,
    webhookSecret: secrets.webhookSigningSecret,
  })
  let supabase: LocalSupabase | undefined
  try {
    supabase = await startLocalSupabase({
      trustedJwks: { url: `${clerk.url}/.well-known/jwks.json` },
      ports: { api: options.ports?.supabase },
      // This checkout's publishable key: Next's build inlined it (with-local-env).
      keys: { anonKey: localStackSecrets().anonKey, serviceRoleKey: secrets.supabaseSecretKey },
      onLog: () => undefined,
    })
    const app = await options.start({
      clerkEnv: appEnv(clerk.emulator.instance, clerk.emulator.key, clerk.emulator.webhookSecret),
      supabaseUrl: supabase.url,
      supabaseKey: supabase.anonKey,
      serviceRoleKey: supabase.serviceRoleKey,
    })
    // The app listens on a free port: let it use the instance, as its handshakes need.
    clerk.emulator.allowOrigin(app.url)
    const started = supabase
    return {
      clerk,
      supabase: started,
      app,
      secrets,
      stop: async () => {
        await app.stop()
        await started.stop()
        await clerk.stop()
      },
    }
  } catch (error) {
    await supabase?.stop()
    await clerk.stop()
    throw error
  }
}
