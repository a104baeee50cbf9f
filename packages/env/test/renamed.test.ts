import { createEnv } from '@t3-oss/env-core'
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import {
  EnvError,
  oldNameOf,
  RENAMED_VARIABLES,
  renamedField,
  requiredText,
  supabaseKeyRole,
  throwEnvError,
} from '../src/index.ts'
import { envProblems, forgetWarnings } from '../src/testing.ts'

const NEW = 'SUPABASE_PUBLISHABLE_KEY'
const OLD = 'SUPABASE_KEY'

function read(runtimeEnv: Record<string, string | undefined>) {
  return createEnv({
    server: {
      SUPABASE_PUBLISHABLE_KEY: renamedField(runtimeEnv, NEW, (label) =>
        requiredText(`${label} is not set.`).refine((key) => key.startsWith('sb_'), {
          error: `${label} must start with sb_.`,
        }),
      ),
    },
    runtimeEnv,
    onValidationError: throwEnvError('The example is not configured'),
  })
}

let warn: MockInstance<typeof console.warn>

beforeEach(() => {
  forgetWarnings()
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('renamedField', () => {
  it('reads the new name, and says nothing', () => {
    expect(read({ [NEW]: 'sb_new' }).SUPABASE_PUBLISHABLE_KEY).toBe('sb_new')
    expect(warn).not.toHaveBeenCalled()
  })

  it('reads the old name alone, printing one line, once per process, that names the new one', () => {
    expect(read({ [OLD]: 'sb_old' }).SUPABASE_PUBLISHABLE_KEY).toBe('sb_old')
    expect(read({ [OLD]: 'sb_old' }).SUPABASE_PUBLISHABLE_KEY).toBe('sb_old')
    expect(warn.mock.calls).toEqual([
      ['SUPABASE_KEY is an old name, still read: rename it to SUPABASE_PUBLISHABLE_KEY.'],
    ])
  })

  it('accepts both names set to the same value, and still says to rename', () => {
    expect(read({ [NEW]: 'sb_same', [OLD]: ' sb_same ' }).SUPABASE_PUBLISHABLE_KEY).toBe('sb_same')
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('refuses both names set to different values, naming both', () => {
    const attempt = () => read({ [NEW]: 'sb_new', [OLD]: 'sb_old' })
    expect(attempt).toThrow(EnvError)
    expect(envProblems(attempt)).toEqual([
      'SUPABASE_PUBLISHABLE_KEY and SUPABASE_KEY (its old name) are both set, to different values, so which one is meant is unclear. Keep SUPABASE_PUBLISHABLE_KEY and remove SUPABASE_KEY.',
    ])
    expect(warn).not.toHaveBeenCalled()
  })

  it('names the old variable when its value is the problem, and the new one when neither is set', () => {
    expect(envProblems(() => read({ [OLD]: 'k' }))).toEqual([
      'SUPABASE_KEY (the old name of SUPABASE_PUBLISHABLE_KEY) must start with sb_.',
    ])
    expect(envProblems(() => read({ [NEW]: ' ', [OLD]: '' }))).toEqual([
      'SUPABASE_PUBLISHABLE_KEY is not set.',
    ])
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('knows each old name, and no name is both old and new', () => {
    expect(oldNameOf('SUPABASE_SECRET_KEY')).toBe('SUPABASE_SERVICE_ROLE_KEY')
    expect(oldNameOf('SUPABASE_URL')).toBeUndefined()
    const olds = Object.values(RENAMED_VARIABLES)
    expect(new Set(olds).size).toBe(olds.length)
    for (const old of olds) expect(oldNameOf(old)).toBeUndefined()
  })
})

describe('supabaseKeyRole', () => {
  const jwt = (payload: unknown) =>
    `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`

  it.each([
    ['a publishable key', 'sb_publishable_abc', 'anon'],
    ['a secret key', 'sb_secret_abc', 'service_role'],
    ['a legacy anon JWT', jwt({ iss: 'supabase', role: 'anon' }), 'anon'],
    ['a legacy service_role JWT', jwt({ iss: 'supabase', role: 'service_role' }), 'service_role'],
    ['a JWT of another role', jwt({ role: 'authenticated' }), undefined],
    ['a JWT whose payload is not JSON', 'x.bm90IGpzb24.y', undefined],
    ['any other shape', 'k', undefined],
  ])('reads %s', (_label, key, role) => {
    expect(supabaseKeyRole(key)).toBe(role)
  })
})
