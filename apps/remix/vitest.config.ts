import { defineConfig } from 'vitest/config'

// Not the app's vite.config.ts: the Remix plugin has no place in unit tests.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
})
