import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, systemChromium } from '@repo/clerk-emulator/testing'
import type { Fixtures } from './support/fixtures.ts'

const executablePath = systemChromium()

export default defineConfig<Pick<Fixtures, 'framework'>>({
  testDir: './tests',
  globalSetup: './support/global-setup.ts',
  // One stack, one database: scenarios run one at a time, each in a fresh browser context.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'next', use: { framework: 'next' } },
    { name: 'remix', use: { framework: 'remix' } },
  ],
})
