// The local stack the suite shares, on the ports and with the signing key `pnpm dev` uses (the
// dev servers resolve their env exactly as under `pnpm dev`, and `next build` inlined these URLs):
// the Clerk emulator and local-supabase, plus a small control server so scenarios can take the
// data API down and up, let a built app's free port use the emulator, and read what the emulator
// could not handle.
import http from 'node:http'
import {
  type AppEnv,
  appEnv,
  localEmulatorSettings,
  type RequestLogEntry,
} from '@repo/clerk-emulator'
import { startTestEmulator } from '@repo/clerk-emulator/testing'
import { localStack } from '@repo/local-stack'
import { localStackSecrets, startLocalSupabase } from '@repo/local-supabase'
import { findFreePort } from '@repo/local-supabase/testing'

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

export async function startStack(): Promise<{ info: StackInfo; stop(): Promise<void> }> {
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
  const stopClerk = () => clerk.stop()
  const supabase = await startLocalSupabase({
    trustedJwks: { url: `${clerk.url}/.well-known/jwks.json` },
    ports: { api: localStack().supabase.apiPort },
    keys: { anonKey: secrets.anonKey, serviceRoleKey: secrets.serviceRoleKey },
    onLog: () => undefined,
  }).catch(async (error: unknown) => {
    await stopClerk()
    throw error
  })
  // Each unhandled request is reported once, to the scenario that was running when it came.
  const reported = new WeakSet<RequestLogEntry>()
  const control = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://control')
    if (request.url === '/data-api/stop') await supabase.stopDataApi()
    else if (request.url === '/data-api/start') await supabase.startDataApi()
    else if (url.pathname === '/clerk/allow-origin') {
      try {
        clerk.emulator.allowOrigin(url.searchParams.get('origin') ?? '')
      } catch (error) {
        response.statusCode = 400
        response.end(String(error))
        return
      }
    } else if (url.pathname === '/clerk/webhook-endpoints') {
      // The apps under test, once their ports are known: each gets every event so far.
      clerk.emulator.setWebhookEndpoints(url.searchParams.getAll('url'))
    } else if (request.url === '/clerk/unhandled') {
      const fresh = clerk.emulator.requestLog.filter(
        (entry) => !entry.handled && !reported.has(entry),
      )
      for (const entry of fresh) reported.add(entry)
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify(fresh.map(({ method, path }) => `${method} ${path}`)))
      return
    }
    response.end('ok')
  })
  const controlPort = await findFreePort()
  await new Promise<void>((resolve) => control.listen(controlPort, '127.0.0.1', resolve))
  return {
    info: {
      emulatorUrl: clerk.url,
      clerkEnv: appEnv(clerk.emulator.instance, clerk.emulator.key, clerk.emulator.webhookSecret),
      supabaseUrl: supabase.url,
      anonKey: supabase.anonKey,
      serviceRoleKey: supabase.serviceRoleKey,
      controlUrl: `http://127.0.0.1:${controlPort}`,
      verificationCode: clerk.emulator.verificationCode,
    },
    async stop() {
      control.close()
      await supabase.stop()
      await stopClerk()
    },
  }
}
