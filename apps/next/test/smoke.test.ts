// The built app with the Clerk emulator on :4100 and local-supabase on :54321: the URLs
// `next build` inlined (NEXT_PUBLIC_*). `next start` runs on a free port.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineAppSmokeSuite } from '@repo/dev-stack/smoke-suite'
import { startAppServer } from '@repo/dev-stack/testing'
import { findFreePort } from '@repo/local-supabase/testing'

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

defineAppSmokeSuite('apps/next', {
  ports: { clerk: 4100, supabase: 54321 },
  async start({ clerkEnv, supabaseUrl, supabaseKey }) {
    const port = await findFreePort()
    return startAppServer({
      command: path.join(appDir, 'node_modules/.bin/next'),
      args: ['start', '--port', String(port)],
      cwd: appDir,
      port,
      env: {
        ...clerkEnv.next,
        NEXT_PUBLIC_SUPABASE_URL: supabaseUrl,
        NEXT_PUBLIC_SUPABASE_KEY: supabaseKey,
        NEXT_TELEMETRY_DISABLED: '1',
      },
    })
  },
})
