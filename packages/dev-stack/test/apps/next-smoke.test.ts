// The built Next app through its own `pnpm start` on the local stack, where `next build` inlined
// it (NEXT_PUBLIC_*): the Clerk emulator and local-supabase on @repo/local-stack's ports.

import { APPS, localStack } from '@repo/local-stack'
import { findFreePort } from '@repo/local-supabase/testing'
import { defineAppSmokeSuite } from '../../src/smoke-suite.ts'
import { appDir, startBuiltApp } from '../../src/testing.ts'

const stack = localStack()
// The list proxy.ts builds its matcher from: the test cannot drift from the app. Imported by a
// name built at run time, so this file still typechecks in a checkout that deleted the app
// (vitest.config.ts then leaves it out).
const { PUBLIC_ROUTES } = (await import(`${APPS.next.package}/routes`)) as {
  PUBLIC_ROUTES: readonly string[]
}

defineAppSmokeSuite(
  'apps/next',
  {
    ports: { clerk: stack.emulator.port, supabase: stack.supabase.apiPort },
    start: async (services) =>
      startBuiltApp('next', { appDir: appDir('next'), ...services, port: await findFreePort() }),
  },
  { public: PUBLIC_ROUTES },
)
