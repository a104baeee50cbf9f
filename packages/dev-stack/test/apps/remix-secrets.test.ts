// Nothing secret in what browsers get from apps/remix. `remix vite:build` runs without the
// stack's env (no with-local-env; Vite inlines only VITE_* variables, and the app has none), so
// build/client can hold a secret only if one is written into the code: that scan looks for the
// shapes of secrets. The served pages and data requests carry the loaders' data (Clerk's state
// from rootAuthLoader): those are scanned for the secrets this run gave the server.
import path from 'node:path'
import { findFreePort } from '@repo/local-supabase/testing'
import {
  defineClientBundleSecretsSuite,
  defineServedSecretsSuite,
} from '../../src/secrets-suite.ts'
import { appDir, startBuiltApp } from '../../src/testing.ts'

// The server-rendered page's module (routes/_signed-in.ssr.tsx): only a finished build has it.
defineClientBundleSecretsSuite(
  path.join(appDir('remix'), 'build/client'),
  /assets\/_signed-in\.ssr-.*\.js$/,
)

defineServedSecretsSuite('remix', {
  start: async (services) =>
    startBuiltApp('remix', { appDir: appDir('remix'), ...services, port: await findFreePort() }),
})
