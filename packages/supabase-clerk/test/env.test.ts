import { envProblems, forgetWarnings } from '@repo/env/testing'
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import {
  checkNextBuildEnv,
  type NextPublicEnv,
  supabaseClerkEnv as nextEnv,
} from '../src/next/env.ts'
import { supabaseClerkEnv as remixEnv } from '../src/remix/env.ts'

const CLERK = { CLERK_PUBLISHABLE_KEY: 'pk_test_x', CLERK_SECRET_KEY: 'sk_test_x' }
const LOCAL_URL = 'http://127.0.0.1:54321'

const jwt = (payload: unknown) =>
  `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`
/** A secret key of each shape the dashboard gives: today's, and the legacy JWT. */
const SECRET_KEYS = ['sb_secret_abc', jwt({ iss: 'supabase', role: 'service_role' })]
const PUBLISHABLE_KEYS = ['sb_publishable_abc', jwt({ iss: 'supabase', role: 'anon' })]

const nextPublic = (values: Partial<NextPublicEnv>): NextPublicEnv => ({
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_test_x',
  NEXT_PUBLIC_SUPABASE_URL: LOCAL_URL,
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'k',
  NEXT_PUBLIC_SUPABASE_KEY: undefined,
  ...values,
})

let warn: MockInstance<typeof console.warn>

beforeEach(() => {
  forgetWarnings()
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

const remix = (supabase: Record<string, string | undefined>) => remixEnv({ ...CLERK, ...supabase })

describe('Supabase fields', () => {
  it('names a missing URL and says where the value comes from', () => {
    expect(() => remix({ SUPABASE_PUBLISHABLE_KEY: 'k' })).toThrow(
      /SUPABASE_URL is not set\. It is the Supabase project URL\. .*local-supabase.*Project Settings > Data API/,
    )
  })

  it('names a missing key', () => {
    expect(() => remix({ SUPABASE_URL: LOCAL_URL, SUPABASE_PUBLISHABLE_KEY: ' ' })).toThrow(
      /SUPABASE_PUBLISHABLE_KEY is not set\. It is the Supabase publishable key\. .*Project Settings > API Keys/,
    )
  })

  it('refuses a malformed URL', () => {
    expect(() => remix({ SUPABASE_URL: 'localhost:54321', SUPABASE_PUBLISHABLE_KEY: 'k' })).toThrow(
      'SUPABASE_URL must be an http(s) URL',
    )
  })

  it.each(SECRET_KEYS)('refuses a secret key, which bypasses RLS: %s', (key) => {
    expect(
      envProblems(() => remix({ SUPABASE_URL: LOCAL_URL, SUPABASE_PUBLISHABLE_KEY: key })),
    ).toEqual([
      expect.stringMatching(/^SUPABASE_PUBLISHABLE_KEY holds a secret \(service_role\) key/),
    ])
  })

  it.each(PUBLISHABLE_KEYS)('accepts a publishable key of either shape: %s', (key) => {
    const env = remix({ SUPABASE_URL: LOCAL_URL, SUPABASE_PUBLISHABLE_KEY: key })
    expect(env.SUPABASE_PUBLISHABLE_KEY).toBe(key)
  })

  it('accepts a URL and a publishable key, dropping a trailing slash', () => {
    const env = remix({
      SUPABASE_URL: 'https://abc.supabase.co/',
      SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_x',
    })
    expect([env.SUPABASE_URL, env.SUPABASE_PUBLISHABLE_KEY]).toEqual([
      'https://abc.supabase.co',
      'sb_publishable_x',
    ])
  })
})

describe('Clerk fields, written once for both frameworks', () => {
  it('names each missing key, where to copy it from and where to put it', () => {
    const problems = envProblems(() =>
      remixEnv({ SUPABASE_URL: LOCAL_URL, SUPABASE_PUBLISHABLE_KEY: 'k' }),
    )
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
        SUPABASE_PUBLISHABLE_KEY: 'k',
      }),
    ).toThrow('CLERK_PUBLISHABLE_KEY must start with pk_test_ or pk_live_')
  })
})

describe('per-framework env', () => {
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
    const env = remix({ SUPABASE_URL: LOCAL_URL, SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_x' })
    expect([env.SUPABASE_URL, env.SUPABASE_PUBLISHABLE_KEY]).toEqual([
      LOCAL_URL,
      'sb_publishable_x',
    ])
    expect(() => remix({ SUPABASE_URL: LOCAL_URL, SUPABASE_PUBLISHABLE_KEY: '' })).toThrow(
      /SUPABASE_PUBLISHABLE_KEY is not set.*apps\/remix\/\.env/,
    )
  })
})

describe('every problem at once', () => {
  it('lists both variables when neither is set', () => {
    const problems = envProblems(() =>
      remix({ SUPABASE_URL: '', SUPABASE_PUBLISHABLE_KEY: undefined }),
    )
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(/^SUPABASE_URL is not set/)
    expect(problems[1]).toMatch(/^SUPABASE_PUBLISHABLE_KEY is not set/)
  })
})

describe('the old key names (Clerk’s Supabase guide), still read', () => {
  const renameLine = (oldName: string, name: string) => [
    `${oldName} is an old name, still read: rename it to ${name}.`,
  ]

  it('Remix and React Router read SUPABASE_KEY, and say once to rename it', () => {
    for (let run = 0; run < 2; run++) {
      const env = remix({ SUPABASE_URL: LOCAL_URL, SUPABASE_KEY: 'sb_publishable_old' })
      expect(env.SUPABASE_PUBLISHABLE_KEY).toBe('sb_publishable_old')
    }
    expect(warn.mock.calls).toEqual([renameLine('SUPABASE_KEY', 'SUPABASE_PUBLISHABLE_KEY')])
  })

  it('Next reads NEXT_PUBLIC_SUPABASE_KEY, and says once to rename it', () => {
    vi.stubEnv('CLERK_SECRET_KEY', 'sk_test_x')
    const env = nextEnv(
      nextPublic({
        NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: undefined,
        NEXT_PUBLIC_SUPABASE_KEY: 'sb_publishable_old',
      }),
    )
    expect(env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY).toBe('sb_publishable_old')
    expect(warn.mock.calls).toEqual([
      renameLine('NEXT_PUBLIC_SUPABASE_KEY', 'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY'),
    ])
  })

  it('stops when both names hold different keys, naming both', () => {
    expect(
      envProblems(() =>
        remix({
          SUPABASE_URL: LOCAL_URL,
          SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_new',
          SUPABASE_KEY: 'sb_publishable_old',
        }),
      ),
    ).toEqual([
      expect.stringMatching(
        /^SUPABASE_PUBLISHABLE_KEY and SUPABASE_KEY \(its old name\) are both set, to different values/,
      ),
    ])
    vi.stubEnv('CLERK_SECRET_KEY', 'sk_test_x')
    expect(() =>
      nextEnv(
        nextPublic({
          NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_new',
          NEXT_PUBLIC_SUPABASE_KEY: 'sb_publishable_old',
        }),
      ),
    ).toThrow(
      /NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY and NEXT_PUBLIC_SUPABASE_KEY \(its old name\) are both set/,
    )
  })

  it('accepts both names holding the same key', () => {
    const env = remix({
      SUPABASE_URL: LOCAL_URL,
      SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_same',
      SUPABASE_KEY: 'sb_publishable_same',
    })
    expect(env.SUPABASE_PUBLISHABLE_KEY).toBe('sb_publishable_same')
  })

  it.each(SECRET_KEYS)('refuses a secret key under the old name, naming it: %s', (key) => {
    expect(envProblems(() => remix({ SUPABASE_URL: LOCAL_URL, SUPABASE_KEY: key }))).toEqual([
      expect.stringMatching(
        /^SUPABASE_KEY \(the old name of SUPABASE_PUBLISHABLE_KEY\) holds a secret \(service_role\) key/,
      ),
    ])
    vi.stubEnv('CLERK_SECRET_KEY', 'sk_test_x')
    for (const values of [
      { NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: key },
      { NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: undefined, NEXT_PUBLIC_SUPABASE_KEY: key },
    ]) {
      expect(() => nextEnv(nextPublic(values))).toThrow(/holds a secret \(service_role\) key/)
    }
  })
})

describe('the production `next build` (checkNextBuildEnv, run by next.config.ts)', () => {
  const HOSTED = {
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_live_${btoa('clerk.example.com$')}`,
    NEXT_PUBLIC_SUPABASE_URL: 'https://abc.supabase.co',
    NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_abc',
  }
  const problems = (env: Record<string, string | undefined>) => {
    try {
      checkNextBuildEnv(env)
      return []
    } catch (error) {
      return [...((error as { problems?: string[] }).problems ?? [String(error)])]
    }
  }

  it('names every public value missing, and where it comes from', () => {
    expect(problems({})).toEqual([
      expect.stringMatching(/^NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is not set\. .*API keys/),
      expect.stringMatching(/^NEXT_PUBLIC_SUPABASE_URL is not set\. .*Data API/),
      expect.stringMatching(/^NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY is not set\. .*API Keys/),
    ])
  })

  it('names the rest of a group set by half', () => {
    expect(problems({ NEXT_PUBLIC_SUPABASE_URL: HOSTED.NEXT_PUBLIC_SUPABASE_URL })).toEqual([
      expect.stringMatching(/^NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is not set/),
      expect.stringMatching(/^NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY is not set/),
    ])
  })

  it('needs no server-only value: a deploy sets those at run time', () => {
    expect(problems(HOSTED)).toEqual([])
  })

  it('refuses every public value that points at this machine, by name', () => {
    const local = {
      ...HOSTED,
      NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321',
      NEXT_PUBLIC_CLERK_PROXY_URL: 'http://localhost:4100/__clerk',
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_test_${btoa('clerk.localhost:4100$')}`,
      NEXT_PUBLIC_CLERK_TELEMETRY_DISABLED: '1',
    }
    expect(problems(local)).toEqual([
      expect.stringMatching(/^NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY points at clerk\.localhost, /),
      expect.stringMatching(
        /^NEXT_PUBLIC_SUPABASE_URL points at 127\.0\.0\.1, .*ALLOW_LOCALHOST_BUILD=1/,
      ),
      expect.stringMatching(/^NEXT_PUBLIC_CLERK_PROXY_URL points at localhost, /),
    ])
    expect(problems({ ...local, ALLOW_LOCALHOST_BUILD: '1' })).toEqual([])
  })
})
