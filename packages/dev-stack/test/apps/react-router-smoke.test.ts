// The built React Router app through its own `pnpm start` on the local stack. React Router reads
// all env at run time, so the emulator and local-supabase run on free ports.

import { APPS } from '@repo/local-stack'
import { findFreePort } from '@repo/local-supabase/testing'
import { defineAppSmokeSuite } from '../../src/smoke-suite.ts'
import { appDir, startBuiltApp } from '../../src/testing.ts'

const SIGNED_IN_LAYOUT = 'routes/signed-in.tsx'
// The app's route config itself: every top-level route but the signed-in layout is public.
// Imported by a name built at run time, so this file still typechecks in a checkout that deleted
// the app (vitest.config.ts then leaves it out).
const { default: routes } = (await import(`${APPS['react-router'].package}/routes`)) as {
  default: { file: string; path?: string }[]
}

defineAppSmokeSuite(
  'apps/react-router',
  {
    start: async (services) =>
      startBuiltApp('react-router', {
        appDir: appDir('react-router'),
        ...services,
        port: await findFreePort(),
      }),
  },
  {
    public: routes
      .filter((entry) => entry.file !== SIGNED_IN_LAYOUT)
      .map((entry) => `/${entry.path ?? ''}`),
  },
)
