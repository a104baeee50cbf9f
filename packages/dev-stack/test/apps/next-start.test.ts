// After `next build`: `pnpm start` is `next start` alone. The build inlined the public values, so
// with no server env it stops at once on the server-only one.
import { defineStartWithoutEnvSuite } from '../../src/start-suite.ts'

defineStartWithoutEnvSuite('next', [['CLERK_SECRET_KEY', 'Clerk dashboard > API keys']])
