import type { NextConfig } from 'next'

const config: NextConfig = {
  // The workspace packages ship TypeScript source.
  transpilePackages: ['@repo/db', '@repo/env', '@repo/supabase-clerk', '@repo/tasks'],
  poweredByHeader: false,
}

export default config
