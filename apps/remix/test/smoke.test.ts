// The built app (remix-serve) on the local stack. Remix reads all env at run time, so the
// emulator and local-supabase run on free ports.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineAppSmokeSuite } from '@repo/dev-stack/smoke-suite'
import { startAppServer } from '@repo/dev-stack/testing'
import { findFreePort } from '@repo/local-supabase/testing'

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

defineAppSmokeSuite('apps/remix', {
  async start({ clerkEnv, supabaseUrl, supabaseKey }) {
    const port = await findFreePort()
    return startAppServer({
      command: path.join(appDir, 'node_modules/.bin/remix-serve'),
      args: ['./build/server/index.js'],
      cwd: appDir,
      port,
      env: {
        ...clerkEnv.remix,
        SUPABASE_URL: supabaseUrl,
        SUPABASE_KEY: supabaseKey,
        PORT: String(port),
        NODE_ENV: 'production',
      },
    })
  },
})
