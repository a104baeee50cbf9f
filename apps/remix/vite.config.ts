import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  resolve: {
    // Workspace packages carry React 19 (and a Clerk SDK built against it) as dev dependencies
    // for their own tests; in this app they must use its React 18 and its one Clerk instance,
    // or hooks run against a second React and useSession() against a provider it cannot see.
    // Only packages this app depends on directly: others would not resolve from here.
    dedupe: ['react', 'react-dom', '@clerk/remix', '@remix-run/react'],
  },
  // Known up front, so the first page load in dev does not stop to re-optimize. The server-only
  // ones are otherwise found late, while the root route is transformed (its loader imports them),
  // and a late re-optimization can hand the page React and React DOM from two different runs:
  // "Invalid hook call". Prebundling them costs nothing, since the browser never loads them.
  optimizeDeps: {
    include: [
      '@clerk/remix',
      '@supabase/supabase-js',
      '@clerk/remix/ssr.server',
      '@remix-run/node',
      '@t3-oss/env-core',
    ],
  },
  // The workspace packages ship TypeScript source: bundle them into the server build.
  ssr: { noExternal: [/^@repo\//] },
})
