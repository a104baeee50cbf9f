// Through the real parts: tokens from the Clerk emulator, the factories, the local-supabase
// gateway, the real PostgREST and the RLS policies of packages/db.
import { appEnv } from '@repo/clerk-emulator'
import {
  type HttpSession,
  signInOverHttp,
  startTestEmulator,
  type TestEmulator,
} from '@repo/clerk-emulator/testing'
import { seededUsers } from '@repo/local-stack'
import { type LocalSupabase, startLocalSupabase } from '@repo/local-supabase'
import { type ClerkSupabaseClient, createClerkSupabaseClient } from '@repo/supabase-clerk'
import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

let clerk: TestEmulator
let stack: LocalSupabase
let alice: HttpSession
let bob: HttpSession
const { alice: aliceUser, bob: bobUser } = seededUsers()

const clientFor = (session: HttpSession): ClerkSupabaseClient =>
  createClerkSupabaseClient({
    supabaseUrl: stack.url,
    supabaseKey: stack.anonKey,
    getToken: session.getToken,
  })

beforeAll(async () => {
  clerk = await startTestEmulator()
  stack = await startLocalSupabase({
    trustedJwks: { url: `${clerk.url}/.well-known/jwks.json` },
    onLog: () => undefined,
  })
  alice = await signInOverHttp(clerk.url, aliceUser.email, aliceUser.password)
  bob = await signInOverHttp(clerk.url, bobUser.email, bobUser.password)
})
afterAll(async () => {
  vi.unstubAllEnvs()
  await stack?.stop()
  await clerk?.stop()
})
beforeEach(async () => {
  const service = createClient(stack.url, stack.serviceRoleKey)
  await service.from('tasks').delete().gte('id', 0)
})

describe('alice and bob through the core factory', () => {
  it('each sees only their own tasks', async () => {
    await clientFor(alice)
      .from('tasks')
      .insert([{ name: 'alice a' }, { name: 'alice b' }])
    await clientFor(bob).from('tasks').insert({ name: 'bob a' })
    const aliceTasks = await clientFor(alice).from('tasks').select('name, user_id').order('name')
    const bobTasks = await clientFor(bob).from('tasks').select('name, user_id')
    expect(aliceTasks.data).toEqual([
      { name: 'alice a', user_id: aliceUser.id },
      { name: 'alice b', user_id: aliceUser.id },
    ])
    expect(bobTasks.data).toEqual([{ name: 'bob a', user_id: bobUser.id }])
  })

  it('insert, update and delete work on own rows only', async () => {
    const { data: mine } = await clientFor(alice)
      .from('tasks')
      .insert({ name: 'mine' })
      .select('id')
      .single()
    const id = mine?.id ?? -1
    const bobUpdate = await clientFor(bob)
      .from('tasks')
      .update({ done: true })
      .eq('id', id)
      .select()
    expect(bobUpdate.data).toEqual([])
    const bobDelete = await clientFor(bob).from('tasks').delete().eq('id', id).select()
    expect(bobDelete.data).toEqual([])
    const aliceUpdate = await clientFor(alice)
      .from('tasks')
      .update({ done: true })
      .eq('id', id)
      .select('done')
    expect(aliceUpdate.data).toEqual([{ done: true }])
    const aliceDelete = await clientFor(alice).from('tasks').delete().eq('id', id).select('id')
    expect(aliceDelete.data).toEqual([{ id }])
  })

  it('signed out, a client is refused and reads nothing', async () => {
    await clientFor(alice).from('tasks').insert({ name: 'private' })
    const signedOut = createClerkSupabaseClient({
      supabaseUrl: stack.url,
      supabaseKey: stack.anonKey,
      getToken: async () => null,
    })
    // Without a session token the request runs as anon, which holds no privilege on tasks
    // (packages/db's migrations), so no policy mistake could ever show it a row.
    const { data, error, status } = await signedOut.from('tasks').select()
    expect(status).toBe(401)
    expect(error?.code).toBe('42501')
    expect(data).toBeNull()
  })
})

describe('the Remix server factory with the real @clerk/remix getAuth', () => {
  beforeAll(() => {
    const env = appEnv(
      clerk.emulator.instance,
      clerk.emulator.key,
      clerk.emulator.webhookSecret,
    ).remix
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  })

  it('50 interleaved concurrent loader calls for alternating users never mix rows', async () => {
    const { createServerSupabaseClient } = await import('@repo/supabase-clerk-remix/server')
    await clientFor(alice).from('tasks').insert({ name: 'alice only' })
    await clientFor(bob).from('tasks').insert({ name: 'bob only' })
    const cookies = {
      alice: await alice.appCookieHeader(),
      bob: await bob.appCookieHeader(),
    }
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const who = i % 2 === 0 ? 'alice' : 'bob'
        const request = new Request('http://localhost:3000/ssr', {
          headers: { cookie: cookies[who], accept: 'text/html', 'sec-fetch-dest': 'document' },
        })
        const client = createServerSupabaseClient(
          { request, params: {}, context: {} },
          { supabaseUrl: stack.url, supabaseKey: stack.anonKey },
        )
        const { data, error } = await client.from('tasks').select('name, user_id')
        return { who, data, error }
      }),
    )
    for (const { who, data, error } of results) {
      expect(error).toBeNull()
      expect(data).toEqual(
        who === 'alice'
          ? [{ name: 'alice only', user_id: aliceUser.id }]
          : [{ name: 'bob only', user_id: bobUser.id }],
      )
    }
  })
})

describe('the React Router server factory with the real clerkMiddleware and getAuth', () => {
  beforeAll(() => {
    const env = appEnv(clerk.emulator.instance, clerk.emulator.key, clerk.emulator.webhookSecret)[
      'react-router'
    ]
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  })

  it('50 interleaved concurrent loader calls for alternating users never mix rows', async () => {
    const { clerkMiddleware } = await import('@clerk/react-router/server')
    const { RouterContextProvider } = await import('react-router')
    const { createServerSupabaseClient } = await import('@repo/supabase-clerk-react-router/server')
    await clientFor(alice).from('tasks').insert({ name: 'alice only' })
    await clientFor(bob).from('tasks').insert({ name: 'bob only' })
    const cookies = {
      alice: await alice.appCookieHeader(),
      bob: await bob.appCookieHeader(),
    }
    // As the root route's middleware runs it: once per request, before the loader.
    const middleware = clerkMiddleware()
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const who = i % 2 === 0 ? 'alice' : 'bob'
        const request = new Request('http://localhost:3002/ssr', {
          headers: { cookie: cookies[who], accept: 'text/html', 'sec-fetch-dest': 'document' },
        })
        const args = {
          request,
          url: new URL(request.url),
          pattern: '/ssr',
          params: {},
          context: new RouterContextProvider(),
        }
        let reply: { data: unknown; error: unknown } | undefined
        await middleware(args, async () => {
          const client = createServerSupabaseClient(args, {
            supabaseUrl: stack.url,
            supabaseKey: stack.anonKey,
          })
          reply = await client.from('tasks').select('name, user_id')
          return new Response('loaded')
        })
        return { who, reply }
      }),
    )
    for (const { who, reply } of results) {
      expect(reply?.error).toBeNull()
      expect(reply?.data).toEqual(
        who === 'alice'
          ? [{ name: 'alice only', user_id: aliceUser.id }]
          : [{ name: 'bob only', user_id: bobUser.id }],
      )
    }
  })
})
