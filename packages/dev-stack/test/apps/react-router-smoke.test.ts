// The built React Router app through its own `pnpm start` on the local stack. React Router reads
// all env at run time, so the emulator and local-supabase run on free ports.
import { findFreePort } from '@repo/local-supabase/testing'
import { defineAppSmokeSuite } from '../../src/smoke-suite.ts'
import { appDir, startBuiltApp } from '../../src/testing.ts'

defineAppSmokeSuite('apps/react-router', {
  start: async (services) =>
    startBuiltApp('react-router', {
      appDir: appDir('react-router'),
      ...services,
      port: await findFreePort(),
    }),
})
