import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // The Next smoke test holds the fixed ports the build was made for; nothing else may run
    // beside it.
    fileParallelism: false,
  },
})
