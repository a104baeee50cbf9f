// The server factory is made per request and must never hand one request's token to another.
// The Clerk server SDK is stubbed here (a unit test's boundary): auth() reads a per-request store the way Next.js scopes it.
import { AsyncLocalStorage } from 'node:async_hooks'
import { ENV, expectOwnTokens, recordingFetch } from '@repo/supabase-clerk/testing'
import { afterAll, beforeAll, describe, it, vi } from 'vitest'

const requestScope = new AsyncLocalStorage<string>()

vi.mock('@clerk/nextjs/server', () => ({
  auth: async () => ({ getToken: async () => requestScope.getStore() ?? null }),
}))

const recorder = recordingFetch()

beforeAll(() => {
  vi.stubGlobal('fetch', recorder.fetch)
})
afterAll(() => {
  vi.unstubAllGlobals()
})

describe('Next: the server factory under concurrent requests', () => {
  it('each request’s client sends only that request’s token', async () => {
    const { createServerSupabaseClient } = await import('../src/server.ts')
    await expectOwnTokens(recorder, (token, query) =>
      requestScope.run(token, () => query(createServerSupabaseClient(ENV))),
    )
  })
})
