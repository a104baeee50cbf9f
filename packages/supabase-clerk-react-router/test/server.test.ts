// The server factory is made per request and must never hand one request's token to another.
// The Clerk server SDK is stubbed here (a unit test's boundary): getAuth(args) reads the request it is given.
import { ENV, expectOwnTokens, recordingFetch } from '@repo/supabase-clerk/testing'
import { RouterContextProvider } from 'react-router'
import { afterAll, beforeAll, describe, it, vi } from 'vitest'

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

describe('React Router: the server factory under concurrent requests', () => {
  it('each loader’s client sends only its own request’s token', async () => {
    const { createServerSupabaseClient } = await import('../src/server.ts')
    await expectOwnTokens(recorder, async (token, query) => {
      const request = new Request('http://localhost:3002/ssr', {
        headers: { 'x-test-token': token },
      })
      const args = {
        request,
        url: new URL(request.url),
        pattern: '/ssr',
        params: {},
        context: new RouterContextProvider(),
      }
      await query(createServerSupabaseClient(args, ENV))
    })
  })
})
