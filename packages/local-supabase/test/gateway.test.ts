import { describe, expect, it } from 'vitest'
import type { GatewaySigner } from '../src/api-keys.ts'
import { authorizationFor } from '../src/gateway.ts'

const signer: GatewaySigner = {
  publicJwk: {},
  serviceRoleToken: async () => 'minted-service-role-jwt',
}
const keys = { anonKey: 'sb_publishable_a', serviceRoleKey: 'sb_secret_s', signer }

describe('Supabase API-key rules', () => {
  it('refuses a request with no API key', async () => {
    expect(await authorizationFor(undefined, undefined, keys)).toEqual({
      ok: false,
      message: 'No API key found in request',
    })
  })

  it('refuses an unknown API key', async () => {
    expect(await authorizationFor('sb_publishable_other', undefined, keys)).toEqual({
      ok: false,
      message: 'Invalid API key',
    })
  })

  it('the anon key alone sends no token, so PostgREST uses the anon role', async () => {
    expect(await authorizationFor('sb_publishable_a', undefined, keys)).toEqual({
      ok: true,
      authorization: undefined,
    })
    // supabase-js repeats the API key as the bearer when it has no session
    expect(await authorizationFor('sb_publishable_a', 'Bearer sb_publishable_a', keys)).toEqual({
      ok: true,
      authorization: undefined,
    })
  })

  it('the service_role key becomes a service_role token', async () => {
    expect(await authorizationFor('sb_secret_s', 'Bearer sb_secret_s', keys)).toEqual({
      ok: true,
      authorization: 'Bearer minted-service-role-jwt',
    })
  })

  it('a user token in Authorization wins over either key', async () => {
    for (const apiKey of ['sb_publishable_a', 'sb_secret_s']) {
      expect(await authorizationFor(apiKey, 'Bearer user.jwt.token', keys)).toEqual({
        ok: true,
        authorization: 'Bearer user.jwt.token',
      })
    }
  })
})
