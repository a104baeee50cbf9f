// The whole system for the suite: Clerk emulator (:4100, the URL `next build` inlined),
// local-supabase (:54321), the built Next app and the built Remix app, plus a small control
// server so tests can take the data API down and up mid-run.
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { appEnv } from '@repo/clerk-emulator'
import { startTestEmulator } from '@repo/clerk-emulator/testing'
import { type RunningApp, startAppServer } from '@repo/dev-stack/testing'
import {
  DEFAULT_ANON_KEY,
  DEFAULT_SERVICE_ROLE_KEY,
  startLocalSupabase,
} from '@repo/local-supabase'
import { findFreePort } from '@repo/local-supabase/testing'

const appsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../apps')

export interface StackInfo {
  nextUrl: string
  remixUrl: string
  supabaseUrl: string
  serviceRoleKey: string
  controlUrl: string
  verificationCode: string
}

export async function startStack(): Promise<{ info: StackInfo; stop(): Promise<void> }> {
  const clerk = await startTestEmulator({ port: 4100 })
  const supabase = await startLocalSupabase({
    trustedJwks: { url: `${clerk.url}/.well-known/jwks.json` },
    ports: { api: 54321 },
    keys: { anonKey: DEFAULT_ANON_KEY, serviceRoleKey: DEFAULT_SERVICE_ROLE_KEY },
    onLog: () => undefined,
  })
  const env = appEnv(clerk.emulator.instance, clerk.emulator.key)
  const apps: RunningApp[] = []
  const stopAll = async () => {
    for (const app of apps) await app.stop()
    control.close()
    await supabase.stop()
    await clerk.stop()
  }
  const control = http.createServer(async (request, response) => {
    if (request.url === '/data-api/stop') await supabase.stopDataApi()
    else if (request.url === '/data-api/start') await supabase.startDataApi()
    response.end('ok')
  })
  try {
    const nextPort = await findFreePort()
    apps.push(
      await startAppServer({
        command: path.join(appsDir, 'next/node_modules/.bin/next'),
        args: ['start', '--port', String(nextPort)],
        cwd: path.join(appsDir, 'next'),
        port: nextPort,
        env: {
          ...env.next,
          NEXT_PUBLIC_SUPABASE_URL: supabase.url,
          NEXT_PUBLIC_SUPABASE_KEY: supabase.anonKey,
          NEXT_TELEMETRY_DISABLED: '1',
        },
      }),
    )
    const remixPort = await findFreePort()
    apps.push(
      await startAppServer({
        command: path.join(appsDir, 'remix/node_modules/.bin/remix-serve'),
        args: ['./build/server/index.js'],
        cwd: path.join(appsDir, 'remix'),
        port: remixPort,
        env: {
          ...env.remix,
          SUPABASE_URL: supabase.url,
          SUPABASE_KEY: supabase.anonKey,
          PORT: String(remixPort),
          NODE_ENV: 'production',
        },
      }),
    )
    const controlPort = await findFreePort()
    await new Promise<void>((resolve) => control.listen(controlPort, '127.0.0.1', resolve))
    return {
      info: {
        nextUrl: apps[0]?.url ?? '',
        remixUrl: apps[1]?.url ?? '',
        supabaseUrl: supabase.url,
        serviceRoleKey: supabase.serviceRoleKey,
        controlUrl: `http://127.0.0.1:${controlPort}`,
        verificationCode: clerk.emulator.verificationCode,
      },
      stop: stopAll,
    }
  } catch (error) {
    await stopAll()
    throw error
  }
}
