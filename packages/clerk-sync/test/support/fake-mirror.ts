// A stand-in for the mirror's data API, so the handler's own decisions (status, what reaches the
// database) are tested in milliseconds. It copies only what supabase-js's `rpc` needs from
// PostgREST: `POST /rest/v1/rpc/<function>` with the arguments as a JSON object, answered with
// the function's JSON result. The real functions are tested through real PostgREST in
// packages/integration/test/clerk-sync.test.ts.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RpcCall {
  fn: string
  args: Record<string, unknown>
}

export interface FakeMirror {
  env: { supabaseUrl: string; serviceRoleKey: string }
  /** Every call the handler made, in order. */
  calls: RpcCall[]
  stop(): Promise<void>
}

export async function startFakeMirror(outcome = 'applied'): Promise<FakeMirror> {
  const calls: RpcCall[] = []
  const server = http.createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = []
    for await (const chunk of incoming) chunks.push(chunk as Buffer)
    const fn = incoming.url?.match(/^\/rest\/v1\/rpc\/([a-z_]+)/)?.[1]
    if (incoming.method !== 'POST' || !fn) {
      outgoing.writeHead(404).end()
      return
    }
    calls.push({ fn, args: JSON.parse(Buffer.concat(chunks).toString('utf8')) })
    outgoing.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(outcome))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    // The key is a stand-in too: supabase-js only sends it, and this server checks nothing.
    env: { supabaseUrl: `http://127.0.0.1:${port}`, serviceRoleKey: 'fake-service-role-key' },
    calls,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
