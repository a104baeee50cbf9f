/**
 * Which Supabase role a key acts as, read from its shape: the dashboard's keys say it in their
 * prefix (`sb_publishable_…` anon, `sb_secret_…` service_role), the legacy JWT keys in their
 * `role` claim. Undefined for any other shape: the data API judges those. Both the publishable
 * slot (`@repo/supabase-clerk`) and the secret one (`@repo/clerk-sync`) refuse the other kind.
 */
export function supabaseKeyRole(key: string): 'anon' | 'service_role' | undefined {
  if (key.startsWith('sb_publishable_')) return 'anon'
  if (key.startsWith('sb_secret_')) return 'service_role'
  const role = jwtRole(key)
  return role === 'anon' || role === 'service_role' ? role : undefined
}

function jwtRole(key: string): unknown {
  const payload = key.split('.')[1]
  if (!payload) return undefined
  try {
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))).role
  } catch {
    return undefined
  }
}
