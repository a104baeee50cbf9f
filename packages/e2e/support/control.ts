// The control server: how Playwright's workers (separate processes) reach what the global-setup
// process holds. It starts each mode's apps once, when the first worker of that mode asks, so
// every worker of a mode shares one set of apps; takes the data API down and up for the outage
// scenario; and hands out what the Clerk emulator could not handle, so that a request no
// scenario saw fails the run at teardown instead of being lost.
import http from 'node:http'
import { WEBHOOK_PATH } from '@repo/clerk-emulator'
import { findFreePort } from '@repo/local-supabase/testing'
import { type AppsInfo, MODES, type Mode, type RunningApps, startApps } from './apps.ts'
import { type Stack, type StackInfo, stackInfo } from './stack.ts'

export interface Control {
  info: StackInfo
  stop(): Promise<void>
}

type Starting =
  | { state: 'starting' }
  | { state: 'ready'; apps: RunningApps }
  | { state: 'failed'; error: string }

export async function startControl(stack: Stack, logDir: string): Promise<Control> {
  const port = await findFreePort()
  const info = stackInfo(stack, `http://127.0.0.1:${port}`)
  const apps = new Map<Mode, Starting>()
  const { emulator } = stack.clerk

  // Where the Clerk emulator delivers webhooks: every running app, as a deployment's are. Each
  // new endpoint first gets every event so far.
  const deliverToRunningApps = () => {
    const urls = [...apps.values()].flatMap((entry) =>
      entry.state === 'ready'
        ? Object.values(entry.apps.urls).map((url) => `${url}${WEBHOOK_PATH}`)
        : [],
    )
    emulator.setWebhookEndpoints(urls)
  }

  const start = (mode: Mode) => {
    if (apps.has(mode)) return
    apps.set(mode, { state: 'starting' })
    startApps(mode, stack, info, logDir).then(
      (running) => {
        apps.set(mode, { state: 'ready', apps: running })
        deliverToRunningApps()
      },
      (error: unknown) => apps.set(mode, { state: 'failed', error: String(error) }),
    )
  }

  const stopApps = async (mode: Mode) => {
    const entry = apps.get(mode)
    apps.delete(mode)
    deliverToRunningApps()
    if (entry?.state === 'ready') await entry.apps.stop()
  }

  // The unhandled requests some scenario has read (by index in the emulator's list): one nobody
  // read came outside every scenario (a warm-up, a worker's setup, between scenarios), and fails
  // the run at teardown.
  const seen = new Set<number>()
  const describe = ({ method, path }: { method: string; path: string }) => `${method} ${path}`
  const readUnhandled = (from: number) => {
    const entries = emulator.unhandledRequests.slice(from)
    for (let index = from; index < from + entries.length; index++) seen.add(index)
    return entries.map(describe)
  }

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://control')
    const reply = (status: number, body: unknown) => {
      response.statusCode = status
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify(body))
    }
    try {
      const appsPath = url.pathname.match(/^\/apps\/(built|dev)(\/stop)?$/)
      if (appsPath) {
        const mode = appsPath[1] as Mode
        if (appsPath[2]) {
          await stopApps(mode)
          return reply(200, { stopped: mode })
        }
        start(mode)
        const entry = apps.get(mode)
        if (entry?.state === 'ready') {
          const { urls, logFiles }: AppsInfo = entry.apps
          return reply(200, { urls, logFiles })
        }
        if (entry?.state === 'failed') return reply(500, { error: entry.error })
        return reply(202, { state: 'starting' })
      }
      if (url.pathname === '/data-api/stop') await stack.supabase.stopDataApi()
      else if (url.pathname === '/data-api/start') await stack.supabase.startDataApi()
      else if (url.pathname === '/clerk/unhandled/cursor') {
        return reply(200, { cursor: emulator.unhandledRequests.length })
      } else if (url.pathname === '/clerk/unhandled') {
        return reply(200, readUnhandled(Number(url.searchParams.get('from') ?? '0')))
      } else return reply(404, { error: `no ${url.pathname}` })
      return reply(200, { ok: true })
    } catch (error) {
      return reply(500, { error: String(error) })
    }
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))

  return {
    info,
    async stop() {
      server.close()
      const failures: string[] = []
      for (const mode of MODES) {
        await stopApps(mode).catch((error: unknown) => failures.push(String(error)))
      }
      const unread = emulator.unhandledRequests.filter((_, index) => !seen.has(index)).map(describe)
      if (unread.length > 0) {
        failures.push(
          `The Clerk emulator could not handle requests no scenario saw (during a warm-up, a worker's setup, or between scenarios):\n${unread.join('\n')}`,
        )
      }
      if (failures.length > 0) throw new Error(failures.join('\n\n'))
    },
  }
}
