// The built Remix app through its own `pnpm start` on the local stack. Remix reads all env at run
// time, so the emulator and local-supabase run on free ports.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { findFreePort } from '@repo/local-supabase/testing'
import { defineAppSmokeSuite } from '../../src/smoke-suite.ts'
import { appDir, startBuiltApp } from '../../src/testing.ts'

/**
 * Remix's public list is its route files outside the `_signed-in` layout (flat routes: a file's
 * name is its path), read here from the app so the test cannot drift from it: `sign-in.$.tsx`
 * is `/sign-in/*`, `api.webhooks.clerk.ts` is `/api/webhooks/clerk`.
 */
function remixPublicRoutes(): string[] {
  return readdirSync(path.join(appDir('remix'), 'app/routes'))
    .map((file) => file.replace(/\.(tsx?|jsx?)$/, ''))
    .filter((route) => route !== '_signed-in' && !route.startsWith('_signed-in.'))
    .map(
      (route) =>
        `/${route
          .split('.')
          .join('/')
          .replace(/(^|\/)\$$/, '$1*')}`,
    )
}

defineAppSmokeSuite(
  'apps/remix',
  {
    start: async (services) =>
      startBuiltApp('remix', { appDir: appDir('remix'), ...services, port: await findFreePort() }),
  },
  { public: remixPublicRoutes() },
)
