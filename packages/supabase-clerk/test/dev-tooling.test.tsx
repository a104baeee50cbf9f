// @vitest-environment happy-dom
// React 19's development build logs each re-render to the browser's performance tracks and, for a
// component whose props changed, diffs them three levels deep. happy-dom has no
// console.timeStamp, so React would skip that logging; a browser has it, and so does this test.
import { inspect } from 'node:util'
import { act, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { describe, expect, it, vi } from 'vitest'
import { type ClerkSupabaseClient, createClerkSupabaseClient } from '../src/index.ts'
import { ENV } from '../src/testing.ts'

vi.hoisted(() => {
  console.timeStamp ??= () => undefined
})

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true

const newClient = () => createClerkSupabaseClient({ ...ENV, getToken: async () => null })

function TaskCount({ client }: { client: ClerkSupabaseClient }) {
  return <p>{client ? 'ready' : 'waiting'}</p>
}

/** Swaps in a new client on demand, as the framework hooks do when the Clerk session arrives. */
let swapClient: () => void = () => undefined
function Page() {
  const [client, setClient] = useState(newClient)
  swapClient = () => setClient(newClient())
  return <TaskCount client={client} />
}

describe('a Clerk Supabase client under development tooling', () => {
  it('can be a prop that changes when the session arrives, in a React development build', async () => {
    const errors: unknown[] = []
    const container = document.createElement('div')
    const root = createRoot(container, {
      onUncaughtError: (error) => errors.push(error),
      onCaughtError: (error) => errors.push(error),
    })
    await act(async () => root.render(<Page />))
    // The session id changes once Clerk has loaded, and the hooks hand out a new client.
    await act(async () => swapClient())
    await act(async () => swapClient())
    expect(errors).toEqual([])
    expect(container.textContent).toBe('ready')
    await act(async () => root.unmount())
  })

  it('can be inspected, logged and type-tagged', () => {
    const client = newClient()
    expect(Object.prototype.toString.call(client.auth)).toBe('[object Object]')
    expect(() => inspect(client, { depth: 4 })).not.toThrow()
    expect(() => String(client.auth)).toThrow(/accessToken option/)
  })

  it('still refuses Supabase Auth calls: Clerk owns the session', () => {
    const client = newClient()
    expect(() => client.auth.getUser()).toThrow(
      '@supabase/supabase-js: Supabase Client is configured with the accessToken option, accessing supabase.auth.getUser is not possible',
    )
  })
})
