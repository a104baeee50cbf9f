import { reactRouter } from '@react-router/dev/vite'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [reactRouter()],
  // Known up front, so the first page load in dev does not stop to re-optimize: a late
  // re-optimization can hand the page React and React DOM from two different runs. The
  // server-only ones are found late otherwise, while the root route is transformed.
  optimizeDeps: {
    include: [
      '@clerk/react-router',
      '@supabase/supabase-js',
      '@clerk/react-router/server',
      '@t3-oss/env-core',
    ],
  },
  // The workspace packages ship TypeScript source: bundle them into the server build.
  ssr: { noExternal: [/^@repo\//] },
})
