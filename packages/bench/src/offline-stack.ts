// The production builds of every app on the offline stack, as `pnpm preview` runs them: the
// Clerk emulator and local-supabase on this checkout's ports and keys (Next's build inlined
// them), each app through its own `start` script on its own port. The database is throwaway.
import { appDir, type RunningApp, startBuiltApp, startLocalServices } from '@repo/dev-stack/testing'
import { type AppName, localStack, presentApps, APPS as REGISTRY } from '@repo/local-stack'
import { assertPortFree } from '@repo/local-supabase/testing'
import type { Progress } from './progress.ts'

/** The apps this checkout has (a deleted app's folder drops it from the bench). */
export const APPS: AppName[] = presentApps()

export interface OfflineStack {
  emulatorUrl: string
  supabaseUrl: string
  anonKey: string
  serviceRoleKey: string
  apps: Record<AppName, string>
  stop(): Promise<void>
}

export async function startOfflineStack(progress: Progress): Promise<OfflineStack> {
  const stack = localStack()
  const busy =
    'is `pnpm dev` or `pnpm preview` running? The bench serves the production builds on the same ports; stop it first'
  await assertPortFree(stack.emulator.port, `the Clerk emulator (${busy})`, 'CLERK_EMULATOR_PORT')
  await assertPortFree(
    stack.supabase.apiPort,
    `local-supabase (${busy})`,
    'LOCAL_SUPABASE_API_PORT',
  )
  for (const app of APPS) {
    await assertPortFree(
      stack.apps[app].port,
      `the ${app} app (${busy})`,
      REGISTRY[app].portVariable,
    )
  }
  const stops: (() => Promise<void>)[] = []
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne()
  }
  try {
    progress('starting the Clerk emulator and local-supabase')
    const services = await startLocalServices()
    stops.push(() => services.stop())
    const { supabase, clerk, clerkEnv } = services
    const running: Partial<Record<AppName, RunningApp>> = {}
    for (const app of APPS) {
      progress(`starting the ${app} production build`)
      const started = await startBuiltApp(app, {
        appDir: appDir(app),
        clerkEnv,
        supabaseUrl: supabase.url,
        supabaseKey: supabase.anonKey,
        serviceRoleKey: supabase.serviceRoleKey,
        port: stack.apps[app].port,
      })
      stops.push(() => started.stop())
      running[app] = started
    }
    return {
      emulatorUrl: clerk.url,
      supabaseUrl: supabase.url,
      anonKey: supabase.anonKey,
      serviceRoleKey: supabase.serviceRoleKey,
      apps: Object.fromEntries(APPS.map((app) => [app, running[app]?.url ?? ''])) as Record<
        AppName,
        string
      >,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
