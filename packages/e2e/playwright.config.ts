import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, systemChromium } from '@repo/clerk-emulator/testing'
import { onCi, workerSetting } from './support/env.ts'
import type { TestFixtures, WorkerFixtures } from './support/fixtures.ts'

const executablePath = systemChromium()

/** The scenarios every app runs in both modes, several at once: each worker has its own cast. */
const SCENARIOS = ['tasks.spec.ts', 'organizations.spec.ts']

export default defineConfig<Pick<TestFixtures, 'framework'>, Pick<WorkerFixtures, 'mode'>>({
  testDir: './tests',
  globalSetup: './support/global-setup.ts',
  // One stack and one set of apps per mode, shared by every worker (support/control.ts); the
  // workers keep apart by data: each signs in people and organizations of its own. Two cores
  // here ran the built project in 4.9, 5.0 and 4.6 min at 1, 2 and 3 workers (CPU-bound from
  // one on): a third bought nothing here. A machine with more cores can raise E2E_WORKERS.
  workers: workerSetting ?? 2,
  fullyParallel: true,
  forbidOnly: onCi,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/report.json' }]],
  use: {
    // A failed scenario keeps its trace (DOM snapshots, network, console). Tracing cost a run of
    // scenarios about a fifth more CPU here (measured against no trace); its screencast, frames
    // the browser encodes all along, is left out, and the failure screenshot shows the end.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  projects: [
    // The production builds, started as a deployment would.
    {
      name: 'built',
      testMatch: [...SCENARIOS, 'slow-device.spec.ts', 'webhooks.spec.ts'],
      use: { mode: 'built' },
    },
    // Each app's `dev` script, as `pnpm dev` runs it.
    { name: 'dev', testMatch: SCENARIOS, use: { mode: 'dev' } },
    // What needs the whole stack to itself runs after the rest, one test at a time:
    // - the outage scenario stops the data API every other scenario reads;
    // - the bench loads every app at once, which would slow scenarios beside it past their
    //   timeouts (and its figures would mean nothing);
    {
      name: 'alone-built',
      testMatch: ['outage.spec.ts', 'bench.spec.ts'],
      use: { mode: 'built' },
      dependencies: ['built', 'dev'],
      workers: 1,
    },
    {
      name: 'alone-dev',
      testMatch: ['outage.spec.ts'],
      use: { mode: 'dev' },
      dependencies: ['alone-built'],
      workers: 1,
    },
    // - env routing and moved ports run `pnpm dev` and `pnpm build` through turbo on the apps'
    //   own ports, with their own stacks; the Next rebuild would pull the built app from under
    //   the scenarios (see the specs); the deploys build from pruned trees on those ports.
    {
      name: 'env',
      testMatch: ['env-routing.spec.ts', 'moved-ports.spec.ts', 'deploy.spec.ts'],
      dependencies: ['alone-dev'],
      workers: 1,
      fullyParallel: false,
    },
  ],
})
