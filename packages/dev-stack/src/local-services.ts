// The Clerk emulator and local-supabase as `pnpm dev` runs them, for the suites that start the
// apps against them (the e2e suite, the bench): this checkout's keys, on its ports.
import { type AppEnv, appEnv, localEmulatorSettings } from '@repo/clerk-emulator'
import { startTestEmulator, type TestEmulator } from '@repo/clerk-emulator/testing'
import { localStack } from '@repo/local-stack'
import { type LocalSupabase, localStackSecrets, startLocalSupabase } from '@repo/local-supabase'

export interface LocalServices {
  clerk: TestEmulator
  supabase: LocalSupabase
  /** Each app's Clerk variables for this emulator. */
  clerkEnv: AppEnv
  stop(): Promise<void>
}

export async function startLocalServices(): Promise<LocalServices> {
  const local = localEmulatorSettings()
  // The apps' dev servers get these keys from with-local-env, Next's build inlined the anon
  // key, and they verify webhook deliveries with this checkout's secret.
  const clerk = await startTestEmulator({
    port: local.port,
    key: local.key,
    secretKey: local.secretKey,
    webhookSecret: local.webhookSecret,
  })
  const secrets = localStackSecrets()
  const supabase = await startLocalSupabase({
    trustedJwks: { url: `${clerk.url}/.well-known/jwks.json` },
    ports: { api: localStack().supabase.apiPort },
    keys: { anonKey: secrets.anonKey, serviceRoleKey: secrets.serviceRoleKey },
    onLog: () => undefined,
  }).catch(async (error: unknown) => {
    await clerk.stop()
    throw error
  })
  return {
    clerk,
    supabase,
    clerkEnv: appEnv(clerk.emulator.instance, clerk.emulator.key, clerk.emulator.webhookSecret),
    async stop() {
      await supabase.stop()
      await clerk.stop()
    },
  }
}
