/**
 * Thrown (inside supabase-js) when Clerk could not give a session token. supabase-js turns a
 * thrown error into `{ error }` whose message starts with this name; classifyDataError()
 * recognises it.
 */
export class ClerkTokenError extends Error {
  override name = 'ClerkTokenError'
  constructor(cause: unknown) {
    super(
      `Could not get a session token from Clerk: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    )
  }
}

/** What the apps show for a failed data request. */
export type DataErrorKind =
  /**
   * No usable session token: Clerk gave none (network to Clerk, or the session ended), or the
   * data API refused the one sent (expired, bad signature, undecodable).
   */
  | 'session'
  /** The data API (PostgREST / Supabase's gateway) did not answer. */
  | 'unreachable'
  /** The database refused the values (a check, not-null or unique constraint). */
  | 'constraint'
  /** RLS or a column privilege refused the row: not yours, or not a column users may write. */
  | 'forbidden'
  /** The data API knows no such table: migrations not applied, or a stale schema cache. */
  | 'schema'
  | 'unknown'

export interface DataError {
  kind: DataErrorKind
  /** A sentence to show a user. Generic: a feature package may say it in its own words. */
  message: string
}

/** The parts of supabase-js's PostgrestError (and its status) this reads. */
export interface SupabaseErrorLike {
  message: string
  code?: string | null
  details?: string | null
  hint?: string | null
}

const DATA_API_UNREACHABLE = 'The database API is unreachable. Try again in a moment.'
const SIGNED_OUT = 'You are signed out. Sign in again.'
const SESSION_NOT_CONFIRMED = 'Your session could not be confirmed. Sign in again.'

/**
 * PostgREST's JWT refusals. Hosted Supabase runs PostgREST 14: PGRST301 when the token cannot be
 * decoded or verified, PGRST302 when anonymous access is off and no token came, PGRST303 when a
 * claim fails (expired among them). PostgREST 12 (local-supabase's) has no PGRST303: every
 * refusal, expiry included, is PGRST301. Both say "JWT expired" for an expired token.
 */
const JWT_CODES = new Set(['PGRST301', 'PGRST302', 'PGRST303'])

/**
 * A table the data API does not know: PostgREST 13+ answers PGRST205 from its schema cache,
 * PostgREST 12 passes Postgres' 42P01 through. Both name the table; this takes the name.
 */
function missingTableName(message: string): string | undefined {
  return (
    message.match(/^Could not find the table '([^']+)'/)?.[1] ??
    message.match(/^relation "([^"]+)" does not exist/)?.[1]
  )
}

export function classifyDataError(error: SupabaseErrorLike, status?: number): DataError {
  if (error.message.startsWith('ClerkTokenError')) {
    return { kind: 'session', message: SESSION_NOT_CONFIRMED }
  }
  if (error.code && JWT_CODES.has(error.code)) {
    if (error.code === 'PGRST302') return { kind: 'session', message: SIGNED_OUT }
    // The usual case: a tab left open past the token's life while Clerk could not refresh it.
    if (error.message === 'JWT expired') {
      return { kind: 'session', message: 'Your session has expired. Sign in again.' }
    }
    return { kind: 'session', message: SESSION_NOT_CONFIRMED }
  }
  // supabase-js reports a failed fetch with status 0 and the runtime's network error message;
  // Supabase's gateway answers 502/503/504 when PostgREST does not.
  const transport =
    status === 0 ||
    status === 502 ||
    status === 503 ||
    status === 504 ||
    /fetch failed|ECONNREFUSED|Failed to fetch|NetworkError/i.test(
      `${error.message} ${error.details ?? ''}`,
    )
  if (transport) return { kind: 'unreachable', message: DATA_API_UNREACHABLE }
  // Postgres integrity violations: not_null, foreign_key, unique, check, exclusion.
  if (error.code && /^23/.test(error.code)) {
    return { kind: 'constraint', message: 'The database refused these values.' }
  }
  // Without a session token the request runs as anon, which holds no privilege on user tables.
  if (error.code === '42501' && status === 401) {
    return { kind: 'session', message: SIGNED_OUT }
  }
  if (error.code === '42501') {
    return { kind: 'forbidden', message: 'The database refused this change: it is not yours.' }
  }
  if (error.code === 'PGRST205' || error.code === '42P01') {
    const table = missingTableName(error.message)
    return {
      kind: 'schema',
      message: `The database has no ${table ? `table ${table}` : 'such table'}. Its migrations may not be applied, or the data API's schema cache is stale.`,
    }
  }
  return { kind: 'unknown', message: `The request failed: ${error.message}` }
}
