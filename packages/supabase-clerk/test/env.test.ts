import { envProblems } from '@repo/env/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type NextPublicEnv, supabaseClerkEnv as nextEnv } from '../src/next/env.ts'
import { supabaseClerkEnv as remixEnv } from '../src/remix/env.ts'

const CLERK = { CLERK_PUBLISHABLE_KEY: 'pk_test_x', CLERK_SECRET_KEY: 'sk_test_x' }
const LOCAL_URL = 'http://127.0.0.1:54321'

afterEach(() => {
  vi.unstubAllEnvs()
})

const remix = (supabase: Record<string, string | undefined>) => remixEnv({ ...CLERK, ...supabase })

describe('Supabase fields', () => {
  it('names a missing URL and says where the value comes from', () => {
    expect(() => remix({ SUPABASE_KEY: 'k' })).toThrow(
      /SUPABASE_URL is not set\. It is the Supabase project URL\. .*local-supabase.*Project Settings > Data API/,
    )
  })

  it('names a missing key', () => {
    expect(() => remix({ SUPABASE_URL: LOCAL_URL, SUPABASE_KEY: ' ' })).toThrow(
      /SUPABASE_KEY is not set\. It is the Supabase anon \(publishable\) key/,
    )
  })

  it('refuses a malformed URL', () => {
    expect(() => remix({ SUPABASE_URL: 'localhost:54321', SUPABASE_KEY: 'k' })).toThrow(
      'SUPABASE_URL must be an http(s) URL',
    )
  })

  it('refuses secret keys, which bypass RLS', () => {
    const serviceRoleJwt = `x.${Buffer.from(JSON.stringify({ role: 'service_role' })).toString('base64url')}.y`
    for (const key of ['sb_secret_abc', serviceRoleJwt]) {
      expect(envProblems(() => remix({ SUPABASE_URL: LOCAL_URL, SUPABASE_KEY: key }))).toEqual([
        expect.stringMatching(/^SUPABASE_KEY holds a secret \(service_role\) key/),
      ])
    }
  })

  it('accepts a URL and an anon key, dropping a trailing slash', () => {
    const env = remix({
      SUPABASE_URL: 'https://abc.supabase.co/',
      SUPABASE_KEY: 'sb_publishable_x',
    })
    expect([env.SUPABASE_URL, env.SUPABASE_KEY]).toEqual([
      'https://abc.supabase.co',
      'sb_publishable_x',
    ])
  })
})

describe('Clerk fields, written once for both frameworks', () => {
  it('names each missing key, where to copy it from and where to put it', () => {
    const problems = envProblems(() => remixEnv({ SUPABASE_URL: LOCAL_URL, SUPABASE_KEY: 'k' }))
    expect(problems).toEqual([
      expect.stringMatching(
        /^CLERK_PUBLISHABLE_KEY is not set\. Copy it from the Clerk dashboard > API keys into the server env \(apps\/remix\/\.env/,
      ),
      expect.stringMatching(/^CLERK_SECRET_KEY is not set\..*server-only.*`pnpm dev`/),
    ])
  })

  it('refuses a publishable key that is not one', () => {
    expect(() =>
      remixEnv({
        ...CLERK,
        CLERK_PUBLISHABLE_KEY: 'sk_test_x',
        SUPABASE_URL: LOCAL_URL,
        SUPABASE_KEY: 'k',
      }),
    ).toThrow('CLERK_PUBLISHABLE_KEY must start with pk_test_ or pk_live_')
  })
})

describe('per-framework env', () => {
  const nextPublic = (values: Partial<NextPublicEnv>): NextPublicEnv => ({
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_test_x',
    NEXT_PUBLIC_SUPABASE_URL: LOCAL_URL,
    NEXT_PUBLIC_SUPABASE_KEY: 'k',
    ...values,
  })

  it('Next needs the NEXT_PUBLIC_ names and says why', () => {
    vi.stubEnv('CLERK_SECRET_KEY', 'sk_test_x')
    vi.stubEnv('SUPABASE_URL', LOCAL_URL)
    expect(() => nextEnv(nextPublic({ NEXT_PUBLIC_SUPABASE_URL: '' }))).toThrow(
      /NEXT_PUBLIC_SUPABASE_URL is not set.*only NEXT_PUBLIC_-prefixed variables/,
    )
  })

  it('Next reads the server-only Clerk key from the server env', () => {
    vi.stubEnv('CLERK_SECRET_KEY', '')
    expect(() => nextEnv(nextPublic({}))).toThrow(
      /CLERK_SECRET_KEY is not set\..*apps\/next\/\.env\.local.*never NEXT_PUBLIC_/,
    )
    vi.stubEnv('CLERK_SECRET_KEY', 'sk_test_x')
    expect(nextEnv(nextPublic({})).NEXT_PUBLIC_SUPABASE_URL).toBe(LOCAL_URL)
  })

  it('Remix reads the plain server names', () => {
    const env = remix({ SUPABASE_URL: LOCAL_URL, SUPABASE_KEY: 'sb_publishable_x' })
    expect([env.SUPABASE_URL, env.SUPABASE_KEY]).toEqual([LOCAL_URL, 'sb_publishable_x'])
    expect(() => remix({ SUPABASE_URL: LOCAL_URL, SUPABASE_KEY: '' })).toThrow(
      /SUPABASE_KEY is not set.*apps\/remix\/\.env/,
    )
  })
})

describe('every problem at once', () => {
  it('lists both variables when neither is set', () => {
    const problems = envProblems(() => remix({ SUPABASE_URL: '', SUPABASE_KEY: undefined }))
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(/^SUPABASE_URL is not set/)
    expect(problems[1]).toMatch(/^SUPABASE_KEY is not set/)
  })
})
