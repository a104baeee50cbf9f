// After `react-router build`: `pnpm start` is `react-router-serve` alone, and React Router reads
// every setting at run time, so with no env it stops at once naming all four.
import { defineStartWithoutEnvSuite } from '../../src/start-suite.ts'

defineStartWithoutEnvSuite('react-router', [
  ['CLERK_PUBLISHABLE_KEY', 'Clerk dashboard > API keys'],
  ['CLERK_SECRET_KEY', 'Clerk dashboard > API keys'],
  ['SUPABASE_URL', 'Project Settings > Data API'],
  ['SUPABASE_PUBLISHABLE_KEY', 'Project Settings > API Keys'],
])
