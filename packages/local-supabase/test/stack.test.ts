import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalSupabase, PortInUseError, startLocalSupabase } from '../src/index.ts'
import { createTestIssuer, type TestIssuer } from '../src/testing.ts'

const quiet = () => undefined
let issuer: TestIssuer
let stack: LocalSupabase

beforeAll(async () => {
  issuer = await createTestIssuer()
  stack = await startLocalSupabase({ trustedJwks: { jwks: issuer.jwks }, onLog: quiet })
})

afterAll(async () => {
  await stack?.stop()
})

describe('the /rest/v1 gateway', () => {
  it('answers 401 without an API key, and with a wrong one', async () => {
    const none = await fetch(`${stack.url}/rest/v1/tasks`)
    expect(none.status).toBe(401)
    expect(await none.json()).toMatchObject({ message: 'No API key found in request' })
    const wrong = await fetch(`${stack.url}/rest/v1/tasks`, { headers: { apikey: 'nope' } })
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ message: 'Invalid API key' })
  })

  it('lets browsers call it cross-origin', async () => {
    const preflight = await fetch(`${stack.url}/rest/v1/tasks`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'apikey, authorization, content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-headers')).toContain('apikey')
  })

  it('says what it does not serve', async () => {
    const response = await fetch(`${stack.url}/auth/v1/user`)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({
      message: expect.stringContaining('/rest/v1'),
    })
  })

  it('reports the data API as unreachable while PostgREST is down, and recovers', async () => {
    const token = await issuer.sessionToken({ sub: 'user_down' })
    const client = createClient(stack.url, stack.anonKey, { accessToken: async () => token })
    expect((await client.from('tasks').select('id')).error).toBeNull()

    const before = stack.pids.postgrest
    await stack.stopDataApi()
    const down = await client.from('tasks').select('id')
    expect(down.status).toBe(502)
    expect(down.error?.message).toBe('The data API (PostgREST) is unreachable')

    await stack.startDataApi()
    expect(stack.pids.postgrest).not.toBe(before)
    const again = await client.from('tasks').select('id')
    expect(again.error).toBeNull()
    expect(again.data).toEqual([])
  })
})

describe('start-up errors', () => {
  it('names a taken port and the variable that moves it', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as net.AddressInfo).port
    try {
      const failure = startLocalSupabase({
        trustedJwks: { jwks: issuer.jwks },
        ports: { api: port },
        onLog: quiet,
      })
      await expect(failure).rejects.toThrow(PortInUseError)
      await expect(failure).rejects.toThrow(`Port ${port}`)
      await expect(failure).rejects.toThrow('LOCAL_SUPABASE_API_PORT')
    } finally {
      blocker.close()
    }
  })

  it('says when the trusted JWKS cannot be fetched', async () => {
    const failure = startLocalSupabase({
      trustedJwks: { url: 'http://127.0.0.1:9/.well-known/jwks.json', timeoutMs: 500 },
      onLog: quiet,
    })
    await expect(failure).rejects.toThrow(/Could not fetch the trusted JWKS.*Clerk emulator/)
  })
})

describe('a persistent data directory', () => {
  it('keeps rows across a restart of the whole stack', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'local-supabase-persist-'))
    try {
      const options = {
        trustedJwks: { jwks: issuer.jwks },
        dataDir,
        superuserPassword: 'a-password-kept-for-this-dir',
        onLog: quiet,
      }
      const first = await startLocalSupabase(options)
      const token = await issuer.sessionToken({ sub: 'user_persist' })
      const alice = createClient(first.url, first.anonKey, { accessToken: async () => token })
      expect((await alice.from('tasks').insert({ name: 'survives' })).error).toBeNull()
      expect(first.appliedMigrations.length).toBeGreaterThan(0)
      await first.stop()

      const second = await startLocalSupabase(options)
      try {
        expect(second.createdDatabase).toBe(false)
        expect(second.appliedMigrations).toEqual([])
        const again = createClient(second.url, second.anonKey, { accessToken: async () => token })
        const { data } = await again.from('tasks').select('name')
        expect(data).toEqual([{ name: 'survives' }])
      } finally {
        await second.stop()
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
