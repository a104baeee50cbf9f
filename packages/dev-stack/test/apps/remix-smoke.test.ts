// The built Remix app through its own `pnpm start` on the local stack. Remix reads all env at run
// time, so the emulator and local-supabase run on free ports.
import { findFreePort } from '@repo/local-supabase/testing'
import { defineAppSmokeSuite } from '../../src/smoke-suite.ts'
import { appDir, startBuiltApp } from '../../src/testing.ts'

defineAppSmokeSuite('apps/remix', {
  start: async (services) =>
    startBuiltApp('remix', { appDir: appDir('remix'), ...services, port: await findFreePort() }),
})
