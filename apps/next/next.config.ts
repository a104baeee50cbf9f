import type { NextConfig } from 'next'

const config: NextConfig = {
  // The workspace packages ship TypeScript source.
  transpilePackages: ['@repo/db', '@repo/supabase-clerk', '@repo/tasks'],
  poweredByHeader: false,
}

export default config
