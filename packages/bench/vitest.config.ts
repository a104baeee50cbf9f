import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file starts real Postgres + PostgREST. Generous limits: they catch hangs, not
    // slowness, and CI runs every suite at once on two cores.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
})
