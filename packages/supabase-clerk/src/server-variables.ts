// The names Remix and React Router share: both read every value on the server at run time.
export const SERVER_CLERK = {
  publishableKey: 'CLERK_PUBLISHABLE_KEY',
  secretKey: 'CLERK_SECRET_KEY',
  jwtKey: 'CLERK_JWT_KEY',
  proxyUrl: 'CLERK_PROXY_URL',
  apiUrl: 'CLERK_API_URL',
  telemetryDisabled: 'CLERK_TELEMETRY_DISABLED',
} as const

export const SERVER_SUPABASE = {
  url: 'SUPABASE_URL',
  publishableKey: 'SUPABASE_PUBLISHABLE_KEY',
} as const
