import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, systemChromium } from '@repo/clerk-emulator/testing'
import type { TestFixtures, WorkerFixtures } from './support/fixtures.ts'

const executablePath = systemChromium()

export default defineConfig<Pick<TestFixtures, 'framework'>, Pick<WorkerFixtures, 'mode'>>({
  testDir: './tests',
  globalSetup: './support/global-setup.ts',
  // One stack, one database: scenarios run one at a time, each in a fresh browser context. With
  // one worker, each project's apps are stopped before the next project's start.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  projects: [
    // The production builds, started as a deployment would.
    {
      name: 'built',
      testMatch: [
        'tasks.spec.ts',
        'organizations.spec.ts',
        'slow-device.spec.ts',
        'webhooks.spec.ts',
        'bench.spec.ts',
      ],
      use: { mode: 'built' },
    },
    // Each app's `dev` script, as `pnpm dev` runs it.
    { name: 'dev', testMatch: ['tasks.spec.ts', 'organizations.spec.ts'], use: { mode: 'dev' } },
    // The env a user sets reaches each app through turbo (its own servers; see the spec).
    { name: 'env', testMatch: ['env-routing.spec.ts', 'moved-ports.spec.ts'] },
  ],
})
