import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser and PostgREST suites start real servers and a real Chromium.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
})
