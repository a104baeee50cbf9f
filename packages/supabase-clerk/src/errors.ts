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
  /** Clerk gave no token (network to Clerk, or the session ended), so the database refused. */
  | 'session'
  /** The data API (PostgREST / Supabase's gateway) did not answer. */
  | 'unreachable'
  /** The database refused the values (a check, not-null or unique constraint). */
  | 'constraint'
  /** RLS or a column privilege refused the row: not yours, or not a column users may write. */
  | 'forbidden'
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
}

const DATA_API_UNREACHABLE = 'The database API is unreachable. Try again in a moment.'

export function classifyDataError(error: SupabaseErrorLike, status?: number): DataError {
  if (error.message.startsWith('ClerkTokenError')) {
    return { kind: 'session', message: 'Your session could not be confirmed. Sign in again.' }
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
    return { kind: 'session', message: 'You are signed out. Sign in again.' }
  }
  if (error.code === '42501') {
    return { kind: 'forbidden', message: 'The database refused this change: it is not yours.' }
  }
  return { kind: 'unknown', message: `The request failed: ${error.message}` }
}
