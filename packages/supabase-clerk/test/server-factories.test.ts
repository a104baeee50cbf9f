// Server factories are made per request and must never hand one request's token to another.
// The Clerk server SDKs are stubbed here (a unit test's boundary): auth() reads a per-request
// store the way Next.js scopes it, getAuth(args) reads the request it is given.
import { AsyncLocalStorage } from 'node:async_hooks'
import { RouterContextProvider } from 'react-router'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
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

describe('server factories under concurrent requests', () => {
  it('Next: each request’s client sends only that request’s token', async () => {
    const { createServerSupabaseClient } = await import('../src/next/server.ts')
    recorder.requests.length = 0
    const users = Array.from({ length: 50 }, (_, i) => `token-user-${i % 2 ? 'bob' : 'alice'}-${i}`)
    await Promise.all(
      users.map((token) =>
        requestScope.run(token, async () => {
          const client = createServerSupabaseClient(supabaseEnv)
          await pause()
          await client.from('tasks').select(`id`).eq('name', token)
        }),
      ),
    )
    expect(recorder.requests).toHaveLength(50)
    for (const request of recorder.requests) {
      const token = decodeURIComponent(new URL(request.url).searchParams.get('name') ?? '').slice(3)
      expect(request.authorization).toBe(`Bearer ${token}`)
    }
  })

  it('Remix: each loader’s client sends only its own request’s token', async () => {
    const { createServerSupabaseClient } = await import('../src/remix/server.ts')
    recorder.requests.length = 0
    const tokens = Array.from({ length: 50 }, (_, i) => `token-${i % 2 ? 'bob' : 'alice'}-${i}`)
    await Promise.all(
      tokens.map(async (token) => {
        const request = new Request('http://localhost:3001/ssr', {
          headers: { 'x-test-token': token },
        })
        const client = createServerSupabaseClient({ request, params: {}, context: {} }, supabaseEnv)
        await pause()
        await client.from('tasks').select('id').eq('name', token)
      }),
    )
    expect(recorder.requests).toHaveLength(50)
    for (const request of recorder.requests) {
      const token = decodeURIComponent(new URL(request.url).searchParams.get('name') ?? '').slice(3)
      expect(request.authorization).toBe(`Bearer ${token}`)
    }
  })

  it('React Router: each loader’s client sends only its own request’s token', async () => {
    const { createServerSupabaseClient } = await import('../src/react-router/server.ts')
    recorder.requests.length = 0
    const tokens = Array.from({ length: 50 }, (_, i) => `token-${i % 2 ? 'bob' : 'alice'}-${i}`)
    await Promise.all(
      tokens.map(async (token) => {
        const request = new Request('http://localhost:3002/ssr', {
          headers: { 'x-test-token': token },
        })
        const client = createServerSupabaseClient(
          {
            request,
            url: new URL(request.url),
            pattern: '/ssr',
            params: {},
            context: new RouterContextProvider(),
          },
          supabaseEnv,
        )
        await pause()
        await client.from('tasks').select('id').eq('name', token)
      }),
    )
    expect(recorder.requests).toHaveLength(50)
    for (const request of recorder.requests) {
      const token = decodeURIComponent(new URL(request.url).searchParams.get('name') ?? '').slice(3)
      expect(request.authorization).toBe(`Bearer ${token}`)
    }
  })
})
