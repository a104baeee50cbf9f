import { describe, expect, it } from 'vitest'
import { classifyDataError } from '../src/index.ts'

// The bodies hosted Supabase's PostgREST (14.x) answers, field for field, as PostgREST builds
// them (src/PostgREST/Error.hs and its test suite, tag v14.17; the JWT-library details from
// jose-jwt's Jose/Jwt.hs). supabase-js hands them over as the error, with the HTTP status.
const hosted = {
  expired: { code: 'PGRST303', details: null, hint: null, message: 'JWT expired' },
  notYetValid: { code: 'PGRST303', details: null, hint: null, message: 'JWT not yet valid' },
  expNotANumber: {
    code: 'PGRST303',
    details: null,
    hint: null,
    message: "The JWT 'exp' claim must be a number",
  },
  // A token signed by another key (or altered): every key with its kid was tried.
  badSignature: {
    code: 'PGRST301',
    details: 'None of the keys was able to decode the JWT',
    hint: null,
    message: 'No suitable key or wrong key type',
  },
  // A kid the project's JWKS does not list.
  unknownKey: {
    code: 'PGRST301',
    details: 'No suitable key was found to decode the JWT',
    hint: null,
    message: 'No suitable key or wrong key type',
  },
  twoParts: {
    code: 'PGRST301',
    details: null,
    hint: null,
    message: 'Expected 3 parts in JWT; got 2',
  },
  garbage: {
    code: 'PGRST301',
    details: null,
    hint: null,
    message: 'JWT cryptographic operation failed',
  },
  empty: {
    code: 'PGRST301',
    details: null,
    hint: null,
    message: 'Empty JWT is sent in Authorization header',
  },
  anonymousDisabled: {
    code: 'PGRST302',
    details: null,
    hint: null,
    message: 'Anonymous access is disabled',
  },
  missingTable: {
    code: 'PGRST205',
    details: null,
    hint: null,
    message: "Could not find the table 'public.tasks' in the schema cache",
  },
  missingTableWithHint: {
    code: 'PGRST205',
    details: null,
    hint: "Perhaps you meant the table 'public.tasks'",
    message: "Could not find the table 'public.task' in the schema cache",
  },
}

// What local-supabase's PostgREST 12.0.2 answers instead, as measured (test/gateway.test.ts in
// @repo/local-supabase keeps the measurement): every JWT problem is PGRST301, the message is the
// JWT library's, and a missing table is Postgres' 42P01.
const local = {
  expired: { code: 'PGRST301', details: null, hint: null, message: 'JWT expired' },
  notYetValid: { code: 'PGRST301', details: null, hint: null, message: 'JWTNotYetValid' },
  badSignature: {
    code: 'PGRST301',
    details: null,
    hint: null,
    message: 'JWSError JWSInvalidSignature',
  },
  twoParts: {
    code: 'PGRST301',
    details: null,
    hint: null,
    message: 'JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 2)',
  },
  missingTable: {
    code: '42P01',
    details: null,
    hint: null,
    message: 'relation "public.tasks" does not exist',
  },
}

const EXPIRED = { kind: 'session', message: 'Your session has expired. Sign in again.' }
const NOT_CONFIRMED = {
  kind: 'session',
  message: 'Your session could not be confirmed. Sign in again.',
}

describe('classifyDataError: a refused session token', () => {
  it('says an expired token is an expired session (hosted PGRST303, local PGRST301)', () => {
    expect(classifyDataError(hosted.expired, 401)).toEqual(EXPIRED)
    expect(classifyDataError(local.expired, 401)).toEqual(EXPIRED)
  })

  it('asks to sign in again for every other JWT refusal, hosted and local', () => {
    for (const body of [
      hosted.notYetValid,
      hosted.expNotANumber,
      hosted.badSignature,
      hosted.unknownKey,
      hosted.twoParts,
      hosted.garbage,
      hosted.empty,
      local.notYetValid,
      local.badSignature,
      local.twoParts,
    ]) {
      expect(classifyDataError(body, 401), body.message).toEqual(NOT_CONFIRMED)
    }
  })

  it('says the user is signed out when anonymous access is disabled (PGRST302)', () => {
    expect(classifyDataError(hosted.anonymousDisabled, 401)).toEqual({
      kind: 'session',
      message: 'You are signed out. Sign in again.',
    })
  })
})

describe('classifyDataError: a table the data API does not know', () => {
  it('names the table (hosted PGRST205, local 42P01)', () => {
    const missing = {
      kind: 'schema',
      message:
        "The database has no table public.tasks. Its migrations may not be applied, or the data API's schema cache is stale.",
    }
    expect(classifyDataError(hosted.missingTable, 404)).toEqual(missing)
    expect(classifyDataError(local.missingTable, 404)).toEqual(missing)
    expect(classifyDataError(hosted.missingTableWithHint, 404)).toEqual({
      kind: 'schema',
      message:
        "The database has no table public.task. Its migrations may not be applied, or the data API's schema cache is stale.",
    })
  })

  it('still says so when the message does not name the table', () => {
    expect(classifyDataError({ code: 'PGRST205', message: 'Not found' }, 404)).toEqual({
      kind: 'schema',
      message:
        "The database has no such table. Its migrations may not be applied, or the data API's schema cache is stale.",
    })
  })
})
