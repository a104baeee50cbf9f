// with-local-env <next|remix|react-router> -- <command...>
// Runs the command (next dev, next build, remix vite:dev, ...) in the app's folder with the local
// stack's env added, unless the app is configured for real Clerk / Supabase, on the app's port
// from @repo/local-stack.
import { spawn } from 'node:child_process'
import net from 'node:net'
import { childEnv } from '@repo/env/child-env'
import { APP_NAMES, APPS, isAppName, localStack } from '@repo/local-stack'
import { type EnvMode, resolveAppEnv } from './app-env.ts'

const [app, separator, command, ...args] = process.argv.slice(2)
// Every app of @repo/local-stack's registry.
if (!app || !isAppName(app) || separator !== '--' || !command) {
  console.error(`usage: with-local-env <${APP_NAMES.join('|')}> -- <command> [args...]`)
  process.exit(2)
}
// The dev servers load .env.development*, builds and servers .env.production*.
const devServer = args[0] === 'dev' || args[0] === 'vite:dev'
const mode: EnvMode = devServer ? 'development' : 'production'
let resolved: ReturnType<typeof resolveAppEnv>
let port: string
try {
  resolved = resolveAppEnv(app, process.cwd(), mode)
  port = String(localStack().apps[app].port)
} catch (error) {
  console.error(`with-local-env: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
// Every command but a build listens on the app's port. Next and Vite say only that the port is
// taken (or move to another one, which the banner and the emulator's allowed origins would not
// know): say which variable moves it, as the emulator and local-supabase do.
const builds = args[0] === 'build' || args[0] === 'vite:build'
if (!builds && !(await portIsFree(Number(port)))) {
  const variable = APPS[app].portVariable
  console.error(
    `with-local-env: Port ${port} for apps/${app} is already in use. Stop whatever holds it (lsof -i :${port}), or choose another port with ${variable}=<port>.`,
  )
  process.exit(1)
}
const env: NodeJS.ProcessEnv = {
  // Next.js would otherwise try to send usage telemetry: there is no network to send it to.
  NEXT_TELEMETRY_DISABLED: app === 'next' ? '1' : undefined,
  // A production `next build` refuses to inline a local address (@repo/supabase-clerk/next/env):
  // this build was asked for by name (`build:local`), and it is for this machine.
  ALLOW_LOCALHOST_BUILD: builds && app === 'next' ? '1' : undefined,
  // The app's port is LOCAL_<APP>_PORT, not PORT: under `pnpm dev` the apps share one
  // environment. `next dev`, `next start`, remix-serve and react-router-serve listen on PORT;
  // the Vite dev servers (`remix vite:dev`, `react-router dev`) only on --port.
  ...childEnv({ ...resolved.added, PORT: port }),
}
const portArgs = devServer && command !== 'next' ? ['--port', port] : []
const supabaseUrl = app === 'next' ? env.NEXT_PUBLIC_SUPABASE_URL : env.SUPABASE_URL
const clerkProxy = app === 'next' ? env.NEXT_PUBLIC_CLERK_PROXY_URL : env.CLERK_PROXY_URL
console.log(
  `with-local-env: Clerk from ${resolved.clerk === 'emulator' ? `the Clerk emulator (${clerkProxy})` : 'your settings'}, Supabase from ${resolved.supabase === 'local-supabase' ? `local-supabase (${supabaseUrl})` : `your settings (${supabaseUrl})`}`,
)
const child = spawn(command, [...args, ...portArgs], { stdio: 'inherit', env })
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal))
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0))
})

/** Whether a server could listen on `port` on every address, as the frameworks' servers do. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen({ port, exclusive: true }, () => probe.close(() => resolve(true)))
  })
}
