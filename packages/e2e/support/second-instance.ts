// A second Clerk emulator and a second local-supabase, on other ports and with other keys: they
// stand in for "your real Clerk and Supabase" (the env-routing and deploy specs). Carol is a user
// only this Clerk knows, so signing in as her proves where sign-in went.
import { rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { type AppEnv, appEnv, generateSigningKeyPem, signingKeyFromPem } from '@repo/clerk-emulator'
import { startTestEmulator, type TestEmulator } from '@repo/clerk-emulator/testing'
import { type LocalSupabase, startLocalSupabase } from '@repo/local-supabase'

export const CAROL = {
  id: 'user_2carol00000000000000000',
  email: 'carol@second.example',
  password: 'carol-second-password',
}

export interface SecondInstance {
  clerk: TestEmulator
  supabase: LocalSupabase
  /** What each app's Clerk group is set to for this instance. */
  clerkEnv: AppEnv
  stop(): Promise<void>
}

/**
 * @param alsoTrusted the default emulator's URL: the second database trusts both issuers, as a
 *   Supabase project trusts the Clerk instance it was set up with (env routing's case (c) signs
 *   in with the default Clerk against it).
 */
export async function startSecondInstance(alsoTrusted: string): Promise<SecondInstance> {
  const clerk = await startTestEmulator({
    key: signingKeyFromPem(generateSigningKeyPem(), 'second instance key'),
    frontendHost: 'clerk.second-instance.example',
    secretKey: 'sk_live_second_instance_for_env_routing_tests',
    users: [CAROL],
  })
  const jwksFile = path.join(os.tmpdir(), `second-instance-jwks-${process.pid}.json`)
  try {
    const jwks = await Promise.all(
      [clerk.url, alsoTrusted].map(
        async (url) =>
          (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as { keys: unknown[] },
      ),
    )
    await writeFile(jwksFile, JSON.stringify({ keys: jwks.flatMap((set) => set.keys) }))
    const supabase = await startLocalSupabase({
      trustedJwks: { file: jwksFile },
      onLog: () => undefined,
    })
    return {
      clerk,
      supabase,
      clerkEnv: appEnv(clerk.emulator.instance, clerk.emulator.key, clerk.emulator.webhookSecret),
      async stop() {
        await supabase.stop()
        await clerk.stop()
        await rm(jwksFile, { force: true })
      },
    }
  } catch (error) {
    await clerk.stop()
    await rm(jwksFile, { force: true })
    throw error
  }
}
