// readEnv alone: no server starts here.
import { envProblems, forgetWarnings } from '@repo/env/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readEnv } from '../src/env.ts'

beforeEach(() => {
  forgetWarnings()
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('the key overrides', () => {
  it('reads LOCAL_SUPABASE_PUBLISHABLE_KEY and LOCAL_SUPABASE_SECRET_KEY', () => {
    const env = readEnv({
      LOCAL_SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_x',
      LOCAL_SUPABASE_SECRET_KEY: 'sb_secret_x',
    })
    expect([env.anonKey, env.serviceRoleKey]).toEqual(['sb_publishable_x', 'sb_secret_x'])
    expect(console.warn).not.toHaveBeenCalled()
  })

  it('still reads the old names, saying to rename each', () => {
    const env = readEnv({
      LOCAL_SUPABASE_ANON_KEY: 'sb_publishable_old',
      LOCAL_SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_old',
    })
    expect([env.anonKey, env.serviceRoleKey]).toEqual(['sb_publishable_old', 'sb_secret_old'])
    expect(vi.mocked(console.warn).mock.calls).toEqual([
      [
        'LOCAL_SUPABASE_ANON_KEY is an old name, still read: rename it to LOCAL_SUPABASE_PUBLISHABLE_KEY.',
      ],
      [
        'LOCAL_SUPABASE_SERVICE_ROLE_KEY is an old name, still read: rename it to LOCAL_SUPABASE_SECRET_KEY.',
      ],
    ])
  })

  it('stops when an old and a new name hold different keys, naming both', () => {
    expect(
      envProblems(() =>
        readEnv({
          LOCAL_SUPABASE_SECRET_KEY: 'sb_secret_a',
          LOCAL_SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_b',
        }),
      ),
    ).toEqual([
      expect.stringMatching(
        /^LOCAL_SUPABASE_SECRET_KEY and LOCAL_SUPABASE_SERVICE_ROLE_KEY \(its old name\) are both set/,
      ),
    ])
  })
})
