// A tiny "app" page on the emulator's hostname that loads clerk-js (6 + @clerk/ui, or 5) from
// the emulator, the way the real apps will; plus the seeded users for assertions.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { seededUsers } from '@repo/local-stack'
import type { ClerkEmulator } from '../../src/index.ts'
import { startTestEmulator, type TestEmulator, testSigningKeyPem } from '../../src/testing.ts'

export const { alice: ALICE, bob: BOB } = seededUsers()
export const testKeyPem = testSigningKeyPem

export type Harness = TestEmulator
export const startHarness = startTestEmulator

export interface TestApp {
  origin: string
  stop(): Promise<void>
}

/** A page that loads clerk-js from the emulator and exposes window.Clerk once loaded. */
export async function startTestApp(emulator: ClerkEmulator, clerkJs: 5 | 6): Promise<TestApp> {
  const { instance, bundleUrls } = emulator
  const scripts =
    clerkJs === 6
      ? `<script src="${bundleUrls.clerkJs6}" crossorigin="anonymous"></script>
         <script src="${bundleUrls.clerkUi}" crossorigin="anonymous"></script>`
      : `<script src="${bundleUrls.clerkJs5}" crossorigin="anonymous"></script>`
  const loadOptions = clerkJs === 6 ? '{ ui: { ClerkUI: window.__internal_ClerkUICtor } }' : '{}'
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>clerk-js ${clerkJs}</title></head>
<body><div id="mount"></div>
<script>
  window.__clerk_publishable_key = ${JSON.stringify(instance.publishableKey)};
  window.__clerk_proxy_url = ${JSON.stringify(instance.proxyUrl)};
</script>
${scripts}
<script>
  window.Clerk.load(${loadOptions}).then(
    () => { window.__loaded = true },
    (error) => { window.__loadError = String(error && error.stack || error) },
  );
</script></body></html>`
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' })
    response.end(page)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://localhost:${port}`
  // A free port, so not one of the local apps': the instance must allow it, as for any app.
  emulator.allowOrigin(origin)
  return {
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
