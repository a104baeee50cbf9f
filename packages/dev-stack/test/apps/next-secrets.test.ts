// Nothing secret in what browsers get from the Next app. `next build` ran with the local stack's
// env (with-local-env) and inlines NEXT_PUBLIC_* into .next/static, so that scan looks for those
// very secrets; `next start`'s pages and RSC payloads are scanned for this run's own.
import path from 'node:path'
import { localEmulatorAppEnv } from '@repo/clerk-emulator'
import { localStack } from '@repo/local-stack'
import { localStackSecrets } from '@repo/local-supabase'
import { findFreePort } from '@repo/local-supabase/testing'
import {
  defineClientBundleSecretsSuite,
  defineServedSecretsSuite,
} from '../../src/secrets-suite.ts'
import { appDir, startBuiltApp } from '../../src/testing.ts'

const built = localEmulatorAppEnv().next
defineClientBundleSecretsSuite(path.join(appDir('next'), '.next/static'), /chunks\/.*\.js$/, {
  inlinedPublicValue: built.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ?? '',
  secrets: [
    ['Clerk secret key', built.CLERK_SECRET_KEY ?? ''],
    ['Supabase secret key', localStackSecrets().serviceRoleKey],
    ['webhook signing secret', built.CLERK_WEBHOOK_SIGNING_SECRET ?? ''],
  ],
})

// On the ports the build inlined: run under `flock /tmp/ports.lock`.
const stack = localStack()
defineServedSecretsSuite('next', {
  ports: { clerk: stack.emulator.port, supabase: stack.supabase.apiPort },
  start: async (services) =>
    startBuiltApp('next', { appDir: appDir('next'), ...services, port: await findFreePort() }),
})
