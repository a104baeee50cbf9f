import type { DataError } from '@repo/supabase-clerk'

/** Failed data requests, said in words: "The database API is unreachable", not a stack trace. */
export function DataErrorAlert({ error }: { error: DataError | null | undefined }) {
  if (!error) return null
  return (
    <p role="alert" className="alert" data-kind={error.kind}>
      {error.message}
    </p>
  )
}
