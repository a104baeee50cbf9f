import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file starts real Postgres + PostgREST; a cold start takes a second or two.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
