// The built Next app through its own `pnpm start` on the local stack, where `next build` inlined
// it (NEXT_PUBLIC_*): the Clerk emulator and local-supabase on @repo/local-stack's ports.

// The list proxy.ts builds its matcher from: the test cannot drift from the app.
import { PUBLIC_ROUTES } from '@repo/app-next/routes'
import { localStack } from '@repo/local-stack'
import { findFreePort } from '@repo/local-supabase/testing'
import { defineAppSmokeSuite } from '../../src/smoke-suite.ts'
import { appDir, startBuiltApp } from '../../src/testing.ts'

const stack = localStack()

defineAppSmokeSuite(
  'apps/next',
  {
    ports: { clerk: stack.emulator.port, supabase: stack.supabase.apiPort },
    start: async (services) =>
      startBuiltApp('next', { appDir: appDir('next'), ...services, port: await findFreePort() }),
  },
  { public: PUBLIC_ROUTES },
)
