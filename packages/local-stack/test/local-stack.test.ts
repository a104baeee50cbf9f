import { envProblems } from '@repo/env/testing'
import { describe, expect, it } from 'vitest'
import { localStack, readSeedUsers, seededUsers } from '../src/index.ts'

describe('localStack', () => {
  it('defaults to the ports `supabase start` and the apps use', () => {
    expect(localStack({})).toEqual({
      emulator: {
        port: 4100,
        origin: 'http://localhost:4100',
        jwksUrl: 'http://localhost:4100/.well-known/jwks.json',
      },
      supabase: {
        apiPort: 54321,
        url: 'http://127.0.0.1:54321',
        dbPort: 54322,
        postgrestPort: 54323,
      },
      apps: {
        next: { port: 3000, url: 'http://localhost:3000' },
        remix: { port: 3001, url: 'http://localhost:3001' },
        'react-router': { port: 3002, url: 'http://localhost:3002' },
      },
    })
  })

  it('moves each address with its variable', () => {
    const stack = localStack({
      CLERK_EMULATOR_PORT: '5100',
      LOCAL_SUPABASE_API_PORT: '55321',
      LOCAL_SUPABASE_DB_PORT: '55322',
      LOCAL_SUPABASE_POSTGREST_PORT: '55323',
      LOCAL_NEXT_PORT: '5000',
      LOCAL_REMIX_PORT: '5001',
    })
    expect(stack.emulator.jwksUrl).toBe('http://localhost:5100/.well-known/jwks.json')
    expect(stack.supabase).toEqual({
      apiPort: 55321,
      url: 'http://127.0.0.1:55321',
      dbPort: 55322,
      postgrestPort: 55323,
    })
    expect(stack.apps.next.url).toBe('http://localhost:5000')
    expect(stack.apps.remix.url).toBe('http://localhost:5001')
    expect(localStack({ CLERK_EMULATOR_ORIGIN: 'http://127.0.0.1:4100' }).emulator.jwksUrl).toBe(
      'http://127.0.0.1:4100/.well-known/jwks.json',
    )
  })

  it('names every bad value at once', () => {
    expect(
      envProblems(() =>
        localStack({
          LOCAL_NEXT_PORT: 'three thousand',
          CLERK_EMULATOR_ORIGIN: 'http://localhost:4100/x',
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^CLERK_EMULATOR_ORIGIN must be an origin/),
      'LOCAL_NEXT_PORT must be a TCP port between 1 and 65535 (got "three thousand").',
    ])
  })
})

describe('seeded users', () => {
  it('are alice and bob, with Clerk-looking ids', () => {
    const { alice, bob } = seededUsers()
    expect(alice).toMatchObject({ email: 'alice@example.com', id: expect.stringMatching(/^user_/) })
    expect(bob).toMatchObject({ email: 'bob@example.com', id: expect.stringMatching(/^user_/) })
  })

  it('names the file when it cannot be read', () => {
    expect(() => readSeedUsers('/nonexistent/users.json')).toThrow(
      /Cannot read \/nonexistent\/users\.json \(CLERK_EMULATOR_USERS_FILE\)/,
    )
  })
})
