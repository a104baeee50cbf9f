// Server factories are made per request and must never hand one request's token to another.
// The Clerk server SDKs are stubbed here (a unit test's boundary): auth() reads a per-request
// store the way Next.js scopes it, getAuth(args) reads the request it is given.
import { AsyncLocalStorage } from 'node:async_hooks'
import { RouterContextProvider } from 'react-router'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ClerkSupabaseClient } from '../src/index.ts'
import { recordingFetch } from './support/recording-fetch.ts'

const requestScope = new AsyncLocalStorage<string>()

vi.mock('@clerk/nextjs/server', () => ({
  auth: async () => ({ getToken: async () => requestScope.getStore() ?? null }),
}))
vi.mock('@clerk/remix/ssr.server', () => ({
  getAuth: async (args: { request: Request }) => ({
    getToken: async () => args.request.headers.get('x-test-token'),
  }),
}))
vi.mock('@clerk/react-router/server', () => ({
  getAuth: async (args: { request: Request }) => ({
    getToken: async () => args.request.headers.get('x-test-token'),
  }),
}))

const recorder = recordingFetch()

beforeAll(() => {
  vi.stubGlobal('fetch', recorder.fetch)
})
afterAll(() => {
  vi.unstubAllGlobals()
})

const supabaseEnv = { supabaseUrl: 'http://127.0.0.1:54321', supabaseKey: 'sb_publishable_test' }
const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 10))

/**
 * 50 requests at once, alternating users, each making its client, pausing, then querying: every
 * request the data API sees must carry that request's own token.
 */
async function expectOwnTokens(
  run: (token: string, query: (client: ClerkSupabaseClient) => Promise<void>) => Promise<void>,
) {
  recorder.requests.length = 0
  const tokens = Array.from({ length: 50 }, (_, i) => `token-${i % 2 ? 'bob' : 'alice'}-${i}`)
  await Promise.all(
    tokens.map((token) =>
      run(token, async (client) => {
        await pause()
        await client.from('tasks').select('id').eq('name', token)
      }),
    ),
  )
  expect(recorder.requests).toHaveLength(50)
  for (const request of recorder.requests) {
    const token = decodeURIComponent(new URL(request.url).searchParams.get('name') ?? '').slice(3)
    expect(request.authorization).toBe(`Bearer ${token}`)
  }
}

const requestWithToken = (url: string, token: string) =>
  new Request(url, { headers: { 'x-test-token': token } })

describe('server factories under concurrent requests', () => {
  it('Next: each request’s client sends only that request’s token', async () => {
    const { createServerSupabaseClient } = await import('../src/next/server.ts')
    await expectOwnTokens((token, query) =>
      requestScope.run(token, () => query(createServerSupabaseClient(supabaseEnv))),
    )
  })

  it('Remix: each loader’s client sends only its own request’s token', async () => {
    const { createServerSupabaseClient } = await import('../src/remix/server.ts')
    await expectOwnTokens(async (token, query) => {
      const request = requestWithToken('http://localhost:3001/ssr', token)
      await query(createServerSupabaseClient({ request, params: {}, context: {} }, supabaseEnv))
    })
  })

  it('React Router: each loader’s client sends only its own request’s token', async () => {
    const { createServerSupabaseClient } = await import('../src/react-router/server.ts')
    await expectOwnTokens(async (token, query) => {
      const request = requestWithToken('http://localhost:3002/ssr', token)
      const args = {
        request,
        url: new URL(request.url),
        pattern: '/ssr',
        params: {},
        context: new RouterContextProvider(),
      }
      await query(createServerSupabaseClient(args, supabaseEnv))
    })
  })
})
