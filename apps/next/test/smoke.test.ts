// The built app through its own `pnpm start` on the local stack. The Clerk emulator runs on
// :4100 and local-supabase on :54321: the URLs `next build` inlined (NEXT_PUBLIC_*).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineAppSmokeSuite } from '@repo/dev-stack/smoke-suite'
import { startBuiltApp } from '@repo/dev-stack/testing'
import { findFreePort } from '@repo/local-supabase/testing'

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

defineAppSmokeSuite('apps/next', {
  ports: { clerk: 4100, supabase: 54321 },
  start: async (stack) => startBuiltApp('next', { appDir, ...stack, port: await findFreePort() }),
})
