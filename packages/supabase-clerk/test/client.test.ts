import { describe, expect, it } from 'vitest'
import { ClerkTokenError, classifyDataError, createClerkSupabaseClient } from '../src/index.ts'
import { ENV, recordingFetch } from '../src/testing.ts'

describe('createClerkSupabaseClient', () => {
  it('sends the current Clerk token with each request, and the API key', async () => {
    const { fetch, requests } = recordingFetch()
    const client = createClerkSupabaseClient({ ...ENV, fetch, getToken: async () => 'token-a' })
    await client.from('tasks').select()
    await client.from('tasks').insert({ name: 'x' })
    expect(requests.map((r) => [r.method, r.authorization, r.apikey])).toEqual([
      ['GET', 'Bearer token-a', 'sb_publishable_test'],
      ['POST', 'Bearer token-a', 'sb_publishable_test'],
    ])
    expect(requests[0]?.url).toBe('http://127.0.0.1:54321/rest/v1/tasks?select=*')
  })

  it('picks up a rotated token on the next request', async () => {
    const { fetch, requests } = recordingFetch()
    const tokens = ['first', 'second', 'third']
    let calls = 0
    const client = createClerkSupabaseClient({
      ...ENV,
      fetch,
      getToken: async () => tokens[Math.min(calls++, tokens.length - 1)] ?? null,
    })
    await client.from('tasks').select()
    await client.from('tasks').select()
    const sent = requests.map((r) => r.authorization)
    expect(sent).toHaveLength(2)
    expect(sent[0]).not.toBe(sent[1])
    expect(sent.every((value) => value?.startsWith('Bearer '))).toBe(true)
  })

  it('signed out (no token): sends only the anon key, never a user token', async () => {
    const { fetch, requests } = recordingFetch()
    const client = createClerkSupabaseClient({ ...ENV, fetch, getToken: async () => null })
    const { data, error } = await client.from('tasks').select()
    expect(error).toBeNull()
    expect(data).toEqual([])
    // supabase-js falls back to the API key as the bearer: the anon role, no user.
    expect(requests[0]?.authorization).toBe('Bearer sb_publishable_test')
  })

  it('surfaces a getToken() failure as a ClerkTokenError the apps can classify', async () => {
    const { fetch, requests } = recordingFetch()
    const client = createClerkSupabaseClient({
      ...ENV,
      fetch,
      getToken: async () => {
        throw new Error('clerk is unreachable')
      },
    })
    const read = await client.from('tasks').select()
    expect(requests).toEqual([])
    expect(read.error?.message).toBe(
      `${new ClerkTokenError(new Error('clerk is unreachable')).name}: Could not get a session token from Clerk: clerk is unreachable`,
    )
    expect(classifyDataError(read.error ?? { message: '' }, read.status).kind).toBe('session')
    const write = await client.from('tasks').insert({ name: 'x' })
    expect(classifyDataError(write.error ?? { message: '' }, write.status).kind).toBe('session')
  })
})

describe('classifyDataError', () => {
  it('names the data API when it cannot be reached', () => {
    expect(classifyDataError({ message: 'TypeError: fetch failed' }, 0)).toEqual({
      kind: 'unreachable',
      message: 'The database API is unreachable. Try again in a moment.',
    })
    expect(
      // What Supabase's gateway answers while PostgREST is down.
      classifyDataError(
        { message: 'An invalid response was received from the upstream server' },
        502,
      ).kind,
    ).toBe('unreachable')
  })

  it('explains constraint and RLS refusals', () => {
    expect(
      classifyDataError({ message: 'violates check constraint', code: '23514' }, 400).kind,
    ).toBe('constraint')
    expect(classifyDataError({ message: 'null value in column', code: '23502' }, 400).kind).toBe(
      'constraint',
    )
    expect(classifyDataError({ message: 'row-level security', code: '42501' }, 403).kind).toBe(
      'forbidden',
    )
    // PostgREST answers 401 when the anon role (no session token) lacks the privilege.
    expect(
      classifyDataError({ message: 'permission denied for table tasks', code: '42501' }, 401),
    ).toEqual({ kind: 'session', message: 'You are signed out. Sign in again.' })
    expect(classifyDataError({ message: 'odd', code: 'XX000' }, 500).kind).toBe('unknown')
  })
})
