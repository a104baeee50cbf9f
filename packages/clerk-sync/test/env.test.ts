import { envProblems, forgetWarnings } from '@repo/env/testing'
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import { clerkSyncEnv, webhookSettings } from '../src/env.ts'

const SIGNING = { CLERK_WEBHOOK_SIGNING_SECRET: 'whsec_x' }
const jwt = (payload: unknown) =>
  `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`

const read = (values: Record<string, string | undefined>) =>
  clerkSyncEnv({ ...SIGNING, ...values }, 'apps/remix')

let warn: MockInstance<typeof console.warn>

beforeEach(() => {
  forgetWarnings()
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('clerkSyncEnv', () => {
  it.each([
    ['a secret key', 'sb_secret_abc'],
    ['a legacy service_role key', jwt({ iss: 'supabase', role: 'service_role' })],
  ])('accepts %s', (_label, key) => {
    expect(read({ SUPABASE_SECRET_KEY: key }).SUPABASE_SECRET_KEY).toBe(key)
    expect(warn).not.toHaveBeenCalled()
  })

  it('names a missing secret key beside a signing secret, where it comes from and where to set it', () => {
    expect(envProblems(() => read({}))).toEqual([
      expect.stringMatching(
        /^SUPABASE_SECRET_KEY is not set, but CLERK_WEBHOOK_SIGNING_SECRET is\..*Project Settings > API Keys.*apps\/remix\/\.env.*or unset CLERK_WEBHOOK_SIGNING_SECRET to run without webhooks\.$/,
      ),
    ])
  })

  it('names a missing signing secret beside a secret key', () => {
    expect(
      envProblems(() => clerkSyncEnv({ SUPABASE_SECRET_KEY: 'sb_secret_abc' }, 'apps/remix')),
    ).toEqual([
      expect.stringMatching(
        /^CLERK_WEBHOOK_SIGNING_SECRET is not set, but SUPABASE_SECRET_KEY is\..*Clerk dashboard > Webhooks/,
      ),
    ])
  })

  it('with neither set, turns webhooks off and says so once in the server log', () => {
    for (let run = 0; run < 2; run++) {
      const env = clerkSyncEnv({ CLERK_WEBHOOK_SIGNING_SECRET: ' ' }, 'apps/remix')
      expect(webhookSettings(env, 'https://abc.supabase.co')).toBeUndefined()
    }
    expect(warn.mock.calls).toEqual([
      [
        expect.stringMatching(
          /^apps\/remix: Clerk webhooks are off: set CLERK_WEBHOOK_SIGNING_SECRET .* and SUPABASE_SECRET_KEY /,
        ),
      ],
    ])
  })

  it('in the browser (Next bundles the env module there too), reads neither server variable', () => {
    vi.stubGlobal('window', {})
    try {
      expect(() => clerkSyncEnv({}, 'apps/next')).not.toThrow()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('with both set, gives the webhook route what it writes and verifies with', () => {
    const env = read({ SUPABASE_SECRET_KEY: 'sb_secret_abc' })
    expect(webhookSettings(env, 'https://abc.supabase.co')).toEqual({
      supabaseUrl: 'https://abc.supabase.co',
      serviceRoleKey: 'sb_secret_abc',
      signingSecret: 'whsec_x',
    })
  })

  it.each([
    ['a publishable key', 'sb_publishable_abc'],
    ['a legacy anon key', jwt({ iss: 'supabase', role: 'anon' })],
  ])('refuses %s in the secret slot', (_label, key) => {
    expect(envProblems(() => read({ SUPABASE_SECRET_KEY: key }))).toEqual([
      expect.stringMatching(/^SUPABASE_SECRET_KEY holds the publishable \(anon\) key\./),
    ])
  })

  it('still reads SUPABASE_SERVICE_ROLE_KEY, and says once to rename it', () => {
    for (let run = 0; run < 2; run++) {
      const env = read({ SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_old' })
      expect(env.SUPABASE_SECRET_KEY).toBe('sb_secret_old')
    }
    expect(warn.mock.calls).toEqual([
      ['SUPABASE_SERVICE_ROLE_KEY is an old name, still read: rename it to SUPABASE_SECRET_KEY.'],
    ])
  })

  it('accepts both names holding the same key', () => {
    const env = read({
      SUPABASE_SECRET_KEY: 'sb_secret_same',
      SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_same',
    })
    expect(env.SUPABASE_SECRET_KEY).toBe('sb_secret_same')
  })

  it('stops when both names hold different keys, naming both', () => {
    expect(
      envProblems(() =>
        read({ SUPABASE_SECRET_KEY: 'sb_secret_new', SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_old' }),
      ),
    ).toEqual([
      expect.stringMatching(
        /^SUPABASE_SECRET_KEY and SUPABASE_SERVICE_ROLE_KEY \(its old name\) are both set, to different values/,
      ),
    ])
  })

  it('names the old variable when its value is refused', () => {
    expect(envProblems(() => read({ SUPABASE_SERVICE_ROLE_KEY: 'sb_publishable_abc' }))).toEqual([
      expect.stringMatching(
        /^SUPABASE_SERVICE_ROLE_KEY \(the old name of SUPABASE_SECRET_KEY\) holds the publishable/,
      ),
    ])
  })
})
