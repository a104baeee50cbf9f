// Starts an emulator on a free port plus a tiny "app" page on the same hostname that loads
// clerk-js (6 + @clerk/ui, or 5) from the emulator, the way the real apps will.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type ClerkEmulator,
  createEmulator,
  generateSigningKeyPem,
  signingKeyFromPem,
} from '../../src/index.ts'
import { type RunningEmulatorServer, startEmulatorServer } from '../../src/server.ts'

export const ALICE = {
  id: 'user_2alice0000000000000000000',
  email: 'alice@example.com',
  password: 'alice-dev-password',
}
export const BOB = {
  id: 'user_2bob000000000000000000000',
  email: 'bob@example.com',
  password: 'bob-dev-password',
}

let sharedKeyPem: string | undefined
export const testKeyPem = () => {
  sharedKeyPem ??= generateSigningKeyPem()
  return sharedKeyPem
}

export interface Harness {
  emulator: ClerkEmulator
  server: RunningEmulatorServer
  stop(): Promise<void>
}

export async function startHarness(
  options: { handshakeFormat?: 'auto' | 'token' } = {},
): Promise<Harness> {
  const key = signingKeyFromPem(testKeyPem(), 'test key')
  // The origin must be known before the port: start on 0, then rebuild with the real origin.
  const probe = await startEmulatorServer(
    createEmulator({ origin: 'http://localhost:1', key, users: [] }),
    0,
  )
  const port = probe.port
  await probe.stop()
  const emulator = createEmulator({
    origin: `http://localhost:${port}`,
    key,
    users: [
      { ...ALICE, firstName: 'Alice' },
      { ...BOB, firstName: 'Bob' },
    ],
    testEndpoints: true,
    log: () => undefined,
    ...(options.handshakeFormat ? { handshakeFormat: options.handshakeFormat } : {}),
  })
  const server = await startEmulatorServer(emulator, port)
  return { emulator, server, stop: () => server.stop() }
}

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
  return {
    origin: `http://localhost:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
