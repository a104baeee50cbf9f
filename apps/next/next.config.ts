import { checkNextBuildEnv } from '@repo/supabase-clerk/next/env'
import type { NextConfig } from 'next'
import { PHASE_PRODUCTION_BUILD } from 'next/constants'

const config: NextConfig = {
  // The workspace packages ship TypeScript source.
  transpilePackages: [
    '@repo/clerk-sync',
    '@repo/db',
    '@repo/env',
    '@repo/supabase-clerk',
    '@repo/supabase-clerk-next',
    '@repo/tasks',
  ],
  poweredByHeader: false,
  // `pnpm typecheck` (run by `pnpm test` and CI) checks this app with `next typegen && tsc`, the
  // same check `next build` would repeat; create-t3-turbo's apps skip it in the build likewise.
  typescript: { ignoreBuildErrors: true },
  // The Dockerfile's build sets it: a server with only the files it traces, for a slim image.
  // `next start` (Vercel, `pnpm start`) serves the ordinary build, and warns on a standalone one.
  // biome-ignore lint/style/noProcessEnv: the build's own setting, not the app's env.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
}

export default function nextConfig(phase: string): NextConfig {
  // `next build` inlines NEXT_PUBLIC_* into every visitor's browser: a missing or local value
  // fails here, before anything compiles, rather than in a deployed page. `next typegen` loads
  // this config in the same phase and needs no env.
  if (phase === PHASE_PRODUCTION_BUILD && !process.argv.includes('typegen')) {
    try {
      // biome-ignore lint/style/noProcessEnv: as above.
      checkNextBuildEnv(process.env)
    } catch (error) {
      // Next would print the stack of a thrown error above the message; the message is the point.
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    }
  }
  return config
}
