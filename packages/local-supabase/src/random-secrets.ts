import crypto from 'node:crypto'

/**
 * Supabase-style API keys. They are opaque: the gateway maps them to database roles, like
 * Supabase's publishable (anon) and secret (service_role) keys.
 */
export function randomApiKeys(): { anonKey: string; serviceRoleKey: string } {
  return {
    anonKey: `sb_publishable_${crypto.randomBytes(18).toString('base64url')}`,
    serviceRoleKey: `sb_secret_${crypto.randomBytes(24).toString('base64url')}`,
  }
}

export const randomPassword = () => crypto.randomBytes(24).toString('base64url')
