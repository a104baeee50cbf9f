export class SupabaseEnvError extends Error {
  override name = 'SupabaseEnvError'
  /** One sentence per problem, so an app can list them beside its own. */
  readonly problems: string[]
  constructor(problems: string[]) {
    super(problems.join('\n'))
    this.problems = problems
  }
}

export interface SupabaseEnv {
  supabaseUrl: string
  supabaseKey: string
}

export interface SupabaseEnvNames {
  url: string
  key: string
  /** Said in the error, e.g. why a NEXT_PUBLIC_ prefix is needed. */
  note?: string
}

const WHERE_FROM =
  'Locally it is printed by local-supabase (`pnpm dev`); for hosted Supabase it is in the dashboard under Project Settings > Data API'

function isServiceRoleJwt(key: string): boolean {
  const payload = key.split('.')[1]
  if (!payload) return false
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/')
    return JSON.parse(atob(base64)).role === 'service_role'
  } catch {
    return false
  }
}

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol)
  } catch {
    return false
  }
}

/**
 * Checks the Supabase URL and the anon (publishable) key, naming the variable and where its
 * value comes from. Refuses a secret / service_role key: it bypasses RLS and these clients may
 * run in the browser.
 */
export function validateSupabaseEnv(
  values: { url: string | undefined; key: string | undefined },
  names: SupabaseEnvNames,
): SupabaseEnv {
  const note = names.note ? ` ${names.note}` : ''
  const url = values.url?.trim()
  const key = values.key?.trim()
  const problems: string[] = []
  if (!url) {
    problems.push(
      `${names.url} is not set. It is the Supabase project URL. ${WHERE_FROM} (Project URL).${note}`,
    )
  } else if (!isHttpUrl(url)) {
    problems.push(
      `${names.url} must be an http(s) URL such as http://127.0.0.1:54321 or https://<project>.supabase.co (got "${url}").${note}`,
    )
  }
  if (!key) {
    problems.push(
      `${names.key} is not set. It is the Supabase anon (publishable) key. ${WHERE_FROM} (anon / publishable key).${note}`,
    )
  } else if (key.startsWith('sb_secret_') || isServiceRoleJwt(key)) {
    problems.push(
      `${names.key} holds a secret (service_role) key, which bypasses Row Level Security and must never reach a browser. Use the anon (publishable) key instead.`,
    )
  }
  if (!url || !key || problems.length > 0) throw new SupabaseEnvError(problems)
  return { supabaseUrl: url.replace(/\/+$/, ''), supabaseKey: key }
}
