import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser and PostgREST suites start real servers and a real Chromium.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
