export {
  type ClerkSupabaseClient,
  type ClerkSupabaseClientOptions,
  createClerkSupabaseClient,
} from './client.ts'
export type { SupabaseEnv } from './env.ts'
export {
  ClerkTokenError,
  classifyDataError,
  type DataError,
  type DataErrorKind,
  type SupabaseErrorLike,
} from './errors.ts'
