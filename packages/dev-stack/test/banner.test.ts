import { APP_NAMES, localStack } from '@repo/local-stack'
import { describe, expect, it } from 'vitest'
import { readinessUrls, renderBanner } from '../src/banner.ts'

const users = {
  alice: { id: 'user_a', email: 'alice@example.com', password: 'a-pass' },
  bob: { id: 'user_b', email: 'bob@example.com', password: 'b-pass' },
  carol: { id: 'user_c', email: 'carol@example.com', password: 'c-pass' },
}
const organizations = [
  {
    id: 'org_a',
    name: 'Acme',
    slug: 'acme',
    members: [
      { userId: 'user_a', role: 'org:admin' as const },
      { userId: 'user_b', role: 'org:member' as const },
    ],
  },
]
const secrets = {
  anonKey: 'anon',
  serviceRoleKey: 'service',
  dbPassword: 'p@ss',
  clerkSecretKey: 'sk',
}

describe('the dev banner', () => {
  it('prints the default addresses', () => {
    const banner = renderBanner({
      stack: localStack({}),
      users,
      organizations,
      secrets,
      secretsDir: '.local/',
      apps: APP_NAMES,
    })
    for (const text of [
      'http://localhost:3000',
      'http://localhost:3001',
      'http://localhost:3002',
      'http://localhost:4100',
      'http://127.0.0.1:54321',
      'postgres://postgres:p%40ss@127.0.0.1:54322/postgres',
      'alice@example.com / a-pass',
      'carol@example.com / c-pass',
      'Acme (alice admin, bob member)',
      'verification code is 424242',
    ]) {
      expect(banner).toContain(text)
    }
  })

  it('prints and waits for the moved addresses when ports are moved by env', () => {
    const stack = localStack({
      CLERK_EMULATOR_PORT: '5100',
      LOCAL_SUPABASE_API_PORT: '55321',
      LOCAL_SUPABASE_DB_PORT: '55322',
      LOCAL_NEXT_PORT: '5000',
      LOCAL_REMIX_PORT: '5001',
      LOCAL_REACT_ROUTER_PORT: '5002',
    })
    const banner = renderBanner({
      stack,
      users,
      organizations,
      secrets,
      secretsDir: '.local/',
      apps: APP_NAMES,
    })
    for (const text of [
      'http://localhost:5000',
      'http://localhost:5001',
      'http://localhost:5002',
      'http://localhost:5100',
      'http://127.0.0.1:55321',
      '@127.0.0.1:55322/postgres',
    ]) {
      expect(banner).toContain(text)
    }
    expect(banner).not.toMatch(/:(3000|3001|3002|4100|54321|54322)\b/)
    expect(readinessUrls(stack, APP_NAMES).map(([, url]) => url)).toEqual([
      'http://localhost:5100/.well-known/jwks.json',
      'http://127.0.0.1:55321/health',
      'http://localhost:5000/sign-in',
      'http://localhost:5001/sign-in',
      'http://localhost:5002/sign-in',
    ])
  })

  it('names this checkout’s keys as the Supabase dashboard does', () => {
    const banner = renderBanner({
      stack: localStack({}),
      users,
      organizations,
      secrets,
      secretsDir: '.local/',
      apps: APP_NAMES,
    })
    expect(banner).toMatch(/Supabase publishable key +anon\n/)
    expect(banner).toMatch(/Supabase secret key +service +\(server-only: bypasses RLS\)/)
  })

  it('lists and waits for only the apps this checkout has', () => {
    const stack = localStack({})
    const banner = renderBanner({
      stack,
      users,
      organizations,
      secrets,
      secretsDir: '.local/',
      apps: ['react-router'],
    })
    expect(banner).toContain("React Router   http://localhost:3002   (Remix's successor)")
    expect(banner).not.toMatch(/Next\.js|Remix {2,}|localhost:300[01]/)
    expect(readinessUrls(stack, ['react-router']).map(([name]) => name)).toEqual([
      'Clerk emulator',
      'local-supabase',
      'React Router app',
    ])
  })
})
