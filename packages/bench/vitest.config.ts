import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Under CI (vitest's detection: CI set, or a known CI's own variables) a stray .only fails the
    // run instead of skipping the rest; @repo/dev-stack's focused-tests test checks every config.
    allowOnly: configDefaults.allowOnly,
    // Each file starts real Postgres + PostgREST. Generous limits: they catch hangs, not
    // slowness, and CI runs every suite at once on two cores.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
})
