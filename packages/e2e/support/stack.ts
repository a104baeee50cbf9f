// The local stack the suite shares, on the ports and with the signing key `pnpm dev` uses (the
// dev servers resolve their env exactly as under `pnpm dev`, and `next build` inlined these URLs):
// the Clerk emulator and local-supabase. It runs in Playwright's global-setup process, with the
// apps and the control server (support/control.ts) the workers reach it through.
import { type AppEnv, appEnv, localEmulatorSettings } from '@repo/clerk-emulator'
import { startTestEmulator, type TestEmulator } from '@repo/clerk-emulator/testing'
import { localStack } from '@repo/local-stack'
import { type LocalSupabase, localStackSecrets, startLocalSupabase } from '@repo/local-supabase'

/** What a worker knows of the stack (shared through E2E_STACK; see support/env.ts). */
export interface StackInfo {
  emulatorUrl: string
  /** The Clerk env a built app gets (what with-local-env would add). */
  clerkEnv: AppEnv
  supabaseUrl: string
  anonKey: string
  serviceRoleKey: string
  controlUrl: string
  verificationCode: string
}

export interface Stack {
  clerk: TestEmulator
  supabase: LocalSupabase
  stop(): Promise<void>
}

export async function startStack(): Promise<Stack> {
  const local = localEmulatorSettings()
  // This checkout's keys, as `pnpm dev` uses them: the apps get theirs from with-local-env, and
  // Next's build inlined the anon key.
  const clerk = await startTestEmulator({
    port: local.port,
    key: local.key,
    secretKey: local.secretKey,
    // The dev servers verify deliveries with this checkout's secret, as under `pnpm dev`.
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
    async stop() {
      await supabase.stop()
      await clerk.stop()
    },
  }
}

export function stackInfo(stack: Stack, controlUrl: string): StackInfo {
  const { clerk, supabase } = stack
  return {
    emulatorUrl: clerk.url,
    clerkEnv: appEnv(clerk.emulator.instance, clerk.emulator.key, clerk.emulator.webhookSecret),
    supabaseUrl: supabase.url,
    anonKey: supabase.anonKey,
    serviceRoleKey: supabase.serviceRoleKey,
    controlUrl,
    verificationCode: clerk.emulator.verificationCode,
  }
}
