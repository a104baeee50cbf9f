import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Under CI (vitest's detection: CI set, or a known CI's own variables) a stray .only fails the
    // run instead of skipping the rest; @repo/dev-stack's focused-tests test checks every config.
    allowOnly: configDefaults.allowOnly,
  },
})
