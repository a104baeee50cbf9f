// After `remix vite:build`: `pnpm start` is `remix-serve` alone, and Remix reads every setting at
// run time, so with no env it stops at once naming all four.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineStartWithoutEnvSuite } from '@repo/dev-stack/start-suite'

defineStartWithoutEnvSuite(
  'apps/remix',
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  [
    ['CLERK_PUBLISHABLE_KEY', 'Clerk dashboard > API keys'],
    ['CLERK_SECRET_KEY', 'Clerk dashboard > API keys'],
    ['SUPABASE_URL', 'Project Settings > Data API'],
    ['SUPABASE_KEY', 'Project Settings > Data API'],
  ],
)
