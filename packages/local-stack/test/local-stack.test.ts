import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { envProblems } from '@repo/env/testing'
import { describe, expect, it } from 'vitest'
import {
  localStack,
  readSeedOrganizations,
  readSeedUsers,
  seededOrganizations,
  seededUsers,
} from '../src/index.ts'

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
  it('are alice, bob and carol, with Clerk-looking ids', () => {
    const { alice, bob, carol } = seededUsers()
    expect(alice).toMatchObject({ email: 'alice@example.com', id: expect.stringMatching(/^user_/) })
    expect(bob).toMatchObject({ email: 'bob@example.com', id: expect.stringMatching(/^user_/) })
    expect(carol).toMatchObject({ email: 'carol@example.com', id: expect.stringMatching(/^user_/) })
  })

  it('names the file when it cannot be read', () => {
    expect(() => readSeedUsers('/nonexistent/users.json')).toThrow(
      /Cannot read \/nonexistent\/users\.json \(CLERK_EMULATOR_USERS_FILE\)/,
    )
  })
})

describe('seeded organizations', () => {
  it('are Acme (alice admin, bob member) and Globex (carol admin), of seeded users', () => {
    const { alice, bob, carol } = seededUsers()
    const { acme, globex } = seededOrganizations()
    expect(acme).toMatchObject({ name: 'Acme', id: expect.stringMatching(/^org_/) })
    expect(acme.members).toEqual([
      { userId: alice.id, role: 'org:admin' },
      { userId: bob.id, role: 'org:member' },
    ])
    expect(globex).toMatchObject({ name: 'Globex', id: expect.stringMatching(/^org_/) })
    expect(globex.members).toEqual([{ userId: carol.id, role: 'org:admin' }])
  })

  it('names the file when it cannot be read, and the shape when it is wrong', () => {
    expect(() => readSeedOrganizations('/nonexistent/organizations.json')).toThrow(
      /Cannot read \/nonexistent\/organizations\.json \(CLERK_EMULATOR_ORGANIZATIONS_FILE\)/,
    )
    const dir = mkdtempSync(path.join(os.tmpdir(), 'orgs-'))
    const file = path.join(dir, 'organizations.json')
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'org_1', name: 'A', slug: 'a', members: [{ userId: 'user_1', role: 'admin' }] },
      ]),
    )
    expect(() => readSeedOrganizations(file)).toThrow(/"role": "org:admin" \| "org:member"/)
  })
})
