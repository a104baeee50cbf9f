// The built app through its own `pnpm start` on the local stack. Remix reads all env at run
// time, so the emulator and local-supabase run on free ports.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineAppSmokeSuite } from '@repo/dev-stack/smoke-suite'
import { startBuiltApp } from '@repo/dev-stack/testing'
import { findFreePort } from '@repo/local-supabase/testing'

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

defineAppSmokeSuite('apps/remix', {
  start: async (stack) => startBuiltApp('remix', { appDir, ...stack, port: await findFreePort() }),
})
