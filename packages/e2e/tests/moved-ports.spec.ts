// Every port of the offline stack moves with its env variable (@repo/local-stack), and everything
// follows: `pnpm dev` runs each part on the moved port, the banner prints the moved URLs, the
// apps get the moved emulator and data API, and local-supabase trusts the JWKS at the moved
// emulator. Checked through turbo, as `pnpm dev` runs it, with nothing on the default ports.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { startDevUntilBanner } from '@repo/bench'
import { signInOverHttp } from '@repo/clerk-emulator/testing'
import { APP_ENV_VARIABLES, BANNER_TITLE as BANNER } from '@repo/dev-stack'
import { documentHeaders, freeStackPorts } from '@repo/dev-stack/testing'
import { localStack } from '@repo/local-stack'
import { FRAMEWORKS } from '../support/apps.ts'
import { expect, test, USERS } from '../support/fixtures.ts'

test('pnpm dev with every port moved by env: banner, apps and JWKS URL follow', async () => {
  test.setTimeout(420_000)
  const testInfo = test.info()
  // `pnpm dev` through the bench's own starter: its dev part runs here on every CI run.
  const moved = await freeStackPorts()
  const stack = localStack(moved)
  const defaults = localStack({})
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'moved-ports-db-'))
  const logFile = testInfo.outputPath('pnpm-dev.log')
  const run = await startDevUntilBanner({
    env: { ...moved, LOCAL_SUPABASE_DATA_DIR: dataDir },
    drop: [...APP_ENV_VARIABLES, 'PORT'],
    logFile,
  }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true })
    throw error
  })
  try {
    expect(run.toBannerMs).toBeGreaterThan(0)
    const log = run.output()
    const banner = log.slice(log.indexOf(BANNER))
    for (const url of [
      ...FRAMEWORKS.map((framework) => stack.apps[framework].url),
      stack.emulator.origin,
      stack.supabase.url,
    ]) {
      expect(banner).toContain(url)
    }
    expect(banner).toContain(`@127.0.0.1:${stack.supabase.dbPort}/postgres`)
    for (const url of [
      ...FRAMEWORKS.map((framework) => defaults.apps[framework].url),
      defaults.emulator.origin,
      defaults.supabase.url,
    ]) {
      // A whole address: a free port such as 41001 must not count as :4100.
      expect(log).not.toMatch(new RegExp(`${url.replace(/[.]/g, '\\.')}(?!\\d)`))
    }

    // Signed in at the moved emulator, each app renders alice's tasks from the moved data API:
    // the database trusted the moved emulator's JWKS.
    for (const framework of FRAMEWORKS) {
      const appUrl = stack.apps[framework].url
      const session = await signInOverHttp(
        stack.emulator.origin,
        USERS.alice.email,
        USERS.alice.password,
        appUrl,
      )
      const response = await fetch(`${appUrl}/ssr`, {
        headers: documentHeaders(await session.appCookieHeader()),
      })
      const html = await response.text()
      expect(response.status, html.slice(0, 500)).toBe(200)
      expect(html).toContain('id="tasks-heading"')
      expect(html).not.toContain('role="alert"')
    }
  } finally {
    await run.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
})
