import { afterEach, describe, expect, it, vi } from 'vitest'
import { SupabaseEnvError, validateSupabaseEnv } from '../src/index.ts'
import { readNextSupabaseEnv } from '../src/next/env.ts'
import { readRemixSupabaseEnv } from '../src/remix/env.server.ts'

const names = { url: 'SUPABASE_URL', key: 'SUPABASE_KEY' }

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('validateSupabaseEnv', () => {
  it('names a missing URL and says where the value comes from', () => {
    expect(() => validateSupabaseEnv({ url: undefined, key: 'k' }, names)).toThrow(
      /SUPABASE_URL is not set\. It is the Supabase project URL\. .*local-supabase.*Project Settings > Data API/,
    )
  })

  it('names a missing key', () => {
    expect(() => validateSupabaseEnv({ url: 'http://127.0.0.1:54321', key: ' ' }, names)).toThrow(
      /SUPABASE_KEY is not set\. It is the Supabase anon \(publishable\) key/,
    )
  })

  it('refuses a malformed URL', () => {
    expect(() => validateSupabaseEnv({ url: 'localhost:54321', key: 'k' }, names)).toThrow(
      'SUPABASE_URL must be an http(s) URL',
    )
  })

  it('refuses secret keys, which bypass RLS', () => {
    const serviceRoleJwt = `x.${Buffer.from(JSON.stringify({ role: 'service_role' })).toString('base64url')}.y`
    for (const key of ['sb_secret_abc', serviceRoleJwt]) {
      expect(() => validateSupabaseEnv({ url: 'http://127.0.0.1:54321', key }, names)).toThrow(
        SupabaseEnvError,
      )
    }
  })

  it('accepts a URL and an anon key, dropping a trailing slash', () => {
    expect(
      validateSupabaseEnv({ url: 'https://abc.supabase.co/', key: 'sb_publishable_x' }, names),
    ).toEqual({ supabaseUrl: 'https://abc.supabase.co', supabaseKey: 'sb_publishable_x' })
  })
})

describe('per-framework env', () => {
  it('Next needs the NEXT_PUBLIC_ names and says why', () => {
    vi.stubEnv('NEXT_PUBLIC_SUPABASE_URL', '')
    vi.stubEnv('SUPABASE_URL', 'http://127.0.0.1:54321')
    expect(() => readNextSupabaseEnv()).toThrow(
      /NEXT_PUBLIC_SUPABASE_URL is not set.*only NEXT_PUBLIC_-prefixed variables/,
    )
  })

  it('Remix reads the plain server names', () => {
    vi.stubEnv('SUPABASE_URL', 'http://127.0.0.1:54321')
    vi.stubEnv('SUPABASE_KEY', 'sb_publishable_x')
    expect(readRemixSupabaseEnv()).toEqual({
      supabaseUrl: 'http://127.0.0.1:54321',
      supabaseKey: 'sb_publishable_x',
    })
    vi.stubEnv('SUPABASE_KEY', '')
    expect(() => readRemixSupabaseEnv()).toThrow(/SUPABASE_KEY is not set.*apps\/remix\/\.env/)
  })
})

describe('every problem at once', () => {
  it('lists both variables when neither is set', () => {
    let caught: unknown
    try {
      validateSupabaseEnv({ url: '', key: undefined }, names)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(SupabaseEnvError)
    const { problems } = caught as SupabaseEnvError
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(/^SUPABASE_URL is not set/)
    expect(problems[1]).toMatch(/^SUPABASE_KEY is not set/)
  })
})
