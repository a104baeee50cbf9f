// @vitest-environment happy-dom
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClerkSupabaseClient } from '../src/index.ts'
import { ENV, recordingFetch } from '../src/testing.ts'
import { type TokenSession, useSessionSupabaseClient } from '../src/use-session-client.ts'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true

const seen: ClerkSupabaseClient[] = []
function Probe({ session }: { session: TokenSession | null }) {
  seen.push(useSessionSupabaseClient(session, ENV))
  return null
}

const sessionObject = (id: string, token: string): TokenSession => ({
  id,
  getToken: async () => token,
})

afterEach(() => {
  seen.length = 0
})

describe('useSessionSupabaseClient', () => {
  it('keeps one client per Clerk session across renders, and a new one per session', async () => {
    const root = createRoot(document.createElement('div'))
    await act(async () => root.render(<Probe session={sessionObject('sess_1', 'a')} />))
    // Clerk hands out a new session object for the same session on refreshes.
    await act(async () => root.render(<Probe session={sessionObject('sess_1', 'a2')} />))
    await act(async () => root.render(<Probe session={sessionObject('sess_2', 'b')} />))
    await act(async () => root.render(<Probe session={null} />))
    await act(async () => root.unmount())
    const [first, rerendered, otherSession, signedOut] = seen
    expect(rerendered).toBe(first)
    expect(otherSession).not.toBe(first)
    expect(signedOut).not.toBe(otherSession)
  })

  it('asks the newest session object for tokens (it knows the active organization)', async () => {
    const root = createRoot(document.createElement('div'))
    await act(async () => root.render(<Probe session={sessionObject('sess_1', 'personal')} />))
    // After setActive({ organization }), clerk-js gives the same session as a new object.
    await act(async () => root.render(<Probe session={sessionObject('sess_1', 'in-acme')} />))
    const { fetch, requests } = recordingFetch()
    const original = globalThis.fetch
    globalThis.fetch = fetch
    try {
      await seen[0]?.from('tasks').select()
    } finally {
      globalThis.fetch = original
    }
    await act(async () => root.unmount())
    expect(seen[1]).toBe(seen[0])
    expect(requests[0]?.authorization).toBe('Bearer in-acme')
  })

  it('a signed-out client sends no user token', async () => {
    const root = createRoot(document.createElement('div'))
    await act(async () => root.render(<Probe session={null} />))
    const { fetch, requests } = recordingFetch()
    const original = globalThis.fetch
    globalThis.fetch = fetch
    try {
      await seen[0]?.from('tasks').select()
    } finally {
      globalThis.fetch = original
    }
    await act(async () => root.unmount())
    expect(requests[0]?.authorization).toBe(`Bearer ${ENV.supabaseKey}`)
  })
})
