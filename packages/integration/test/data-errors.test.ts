// What a user reads when the data API refuses a session token or knows no table: the real
// PostgREST 12 of local-supabase (whose codes differ from hosted's PostgREST 14, see
// @repo/supabase-clerk's test/errors.test.ts) through supabase-js, classifyDataError and
// @repo/tasks' taskError, the sentence the apps' DataErrorAlert shows.
import type { LocalSupabase } from '@repo/local-supabase'
import { createTestIssuer, type TestIssuer } from '@repo/local-supabase/testing'
import { classifyDataError, createClerkSupabaseClient } from '@repo/supabase-clerk'
import { listTasks } from '@repo/tasks'
import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRlsStack } from './support/rls-stack.ts'

const ALICE = 'user_2alice000000000000000000'

let stack: LocalSupabase
let issuer: TestIssuer

beforeAll(async () => {
  ;({ stack, issuer } = await startRlsStack())
})

afterAll(async () => {
  await stack?.stop()
})

const clientWithToken = (token: string) =>
  createClerkSupabaseClient({
    supabaseUrl: stack.url,
    supabaseKey: stack.anonKey,
    getToken: async () => token,
  })

describe('a refused session token asks the user to sign in again', () => {
  it('an expired token: "Your session has expired. Sign in again."', async () => {
    const expired = await issuer.sessionToken({ sub: ALICE, expiresIn: -60 })
    const reply = await clientWithToken(expired).from('tasks').select('id')
    // PostgREST 12's body, as supabase-js hands it over (hosted's 14 says PGRST303).
    expect({
      status: reply.status,
      code: reply.error?.code,
      message: reply.error?.message,
    }).toEqual({ status: 401, code: 'PGRST301', message: 'JWT expired' })
    expect(classifyDataError(reply.error ?? { message: '' }, reply.status)).toEqual({
      kind: 'session',
      message: 'Your session has expired. Sign in again.',
    })
    expect(await listTasks(clientWithToken(expired))).toEqual({
      ok: false,
      error: { kind: 'session', message: 'Your session has expired. Sign in again.' },
    })
  })

  it('a token signed by a key the stack does not trust', async () => {
    const stranger = await createTestIssuer()
    const forged = await stranger.sessionToken({ sub: ALICE })
    expect(await listTasks(clientWithToken(forged))).toEqual({
      ok: false,
      error: { kind: 'session', message: 'Your session could not be confirmed. Sign in again.' },
    })
  })
})

describe('a table the data API does not know', () => {
  it('names the table (42P01 from PostgREST 12)', async () => {
    const alice = await issuer.sessionToken({ sub: ALICE })
    // Untyped: the Database type knows no such table.
    const client = createClient(stack.url, stack.anonKey, { accessToken: async () => alice })
    const reply = await client.from('no_such_table').select('id')
    expect({ status: reply.status, code: reply.error?.code }).toEqual({
      status: 404,
      code: '42P01',
    })
    expect(classifyDataError(reply.error ?? { message: '' }, reply.status)).toEqual({
      kind: 'schema',
      message:
        "The database has no table public.no_such_table. Its migrations may not be applied, or the data API's schema cache is stale.",
    })
  })
})
