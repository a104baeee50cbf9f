import type { NextConfig } from 'next'

const config: NextConfig = {
  // The workspace packages ship TypeScript source.
  transpilePackages: ['@repo/db', '@repo/env', '@repo/supabase-clerk', '@repo/tasks'],
  poweredByHeader: false,
  // `pnpm typecheck` (run by `pnpm test` and CI) checks this app with `next typegen && tsc`, the
  // same check `next build` would repeat; create-t3-turbo's apps skip it in the build likewise.
  typescript: { ignoreBuildErrors: true },
}

export default config
