import { APP_NAMES, APPS, presentApps } from '@repo/local-stack'
import { configDefaults, defineConfig } from 'vitest/config'

// test/apps/<app>-*.test.ts test one app's builds: a checkout that deleted the app has none.
const present = presentApps()
const absentApps = APP_NAMES.filter((app) => !present.includes(app)).map(
  (app) => `test/apps/${app}-*.test.ts`,
)
// The Vite dev-server test, when no Vite app is left.
if (present.every((app) => APPS[app].framework === 'next'))
  absentApps.push('test/apps/vite-dev-deps.test.ts')

// Files that start no server and bind no port: they run side by side, and beside the e2e suite.
const checks = [
  'test/apps/next-build.test.ts',
  'test/ci-workflow.test.ts',
  'test/focused-tests.test.ts',
  'test/app-env.test.ts',
  'test/banner.test.ts',
  'test/workspace-lists.test.ts',
]

export default defineConfig({
  test: {
    // Under CI (vitest's detection: CI set, or a known CI's own variables) a stray .only fails the
    // run instead of skipping the rest; @repo/dev-stack's focused-tests test checks every config.
    allowOnly: configDefaults.allowOnly,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    projects: [
      // `test:stack`: every other file, one at a time. They hold the stack's fixed ports (the
      // Next smoke test, the ports the build was made for; Ctrl-C; port-in-use) or an app's Vite
      // cache, which the e2e suite uses too: turbo runs this task before it.
      {
        extends: true,
        test: {
          name: 'stack',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...checks, ...absentApps],
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'checks',
          include: checks,
          exclude: [...configDefaults.exclude, ...absentApps],
        },
      },
    ],
  },
})
