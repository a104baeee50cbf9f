// with-local-env <next|remix> -- <command...>
// Runs the command (next dev, remix vite:build, ...) in the app's folder with the local stack's
// env added, unless the app is configured for real Clerk / Supabase.
import { spawn } from 'node:child_process'
import { type AppName, resolveAppEnv } from './app-env.ts'

const [app, separator, command, ...args] = process.argv.slice(2)
if ((app !== 'next' && app !== 'remix') || separator !== '--' || !command) {
  console.error('usage: with-local-env <next|remix> -- <command> [args...]')
  process.exit(2)
}
const resolved = resolveAppEnv(app as AppName, process.cwd())
console.log(
  `with-local-env: Clerk from ${resolved.clerk === 'emulator' ? 'the Clerk emulator (http://localhost:4100)' : 'your env'}, Supabase from ${resolved.supabase === 'local-supabase' ? 'local-supabase (http://127.0.0.1:54321)' : 'your env'}`,
)
const child = spawn(command, args, {
  stdio: 'inherit',
  env: {
    // Next.js would otherwise try to send usage telemetry: there is no network to send it to.
    ...(app === 'next' ? { NEXT_TELEMETRY_DISABLED: '1' } : {}),
    ...process.env,
    ...resolved.added,
  },
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal))
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0))
})
