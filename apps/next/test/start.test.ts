// After `next build`: `pnpm start` is `next start` alone. The build inlined the public values, so
// with no server env it stops at once on the server-only one.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineStartWithoutEnvSuite } from '@repo/dev-stack/start-suite'

defineStartWithoutEnvSuite(
  'apps/next',
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  [['CLERK_SECRET_KEY', 'Clerk dashboard > API keys']],
)
