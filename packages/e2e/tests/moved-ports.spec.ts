// Every port of the offline stack moves with its env variable (@repo/local-stack), and everything
// follows: `pnpm dev` runs each part on the moved port, the banner prints the moved URLs, the
// apps get the moved emulator and data API, and local-supabase trusts the JWKS at the moved
// emulator. Checked through turbo, as `pnpm dev` runs it, with nothing on the default ports.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { signInOverHttp } from '@repo/clerk-emulator/testing'
import { APP_ENV_VARIABLES, BANNER_TITLE as BANNER } from '@repo/dev-stack'
import { documentHeaders } from '@repo/dev-stack/testing'
import { localStack } from '@repo/local-stack'
import { findFreePort } from '@repo/local-supabase/testing'
import { FRAMEWORKS } from '../support/apps.ts'
import { expect, test, USERS } from '../support/fixtures.ts'
import { runTurbo, waitForApps } from '../support/turbo.ts'

test('pnpm dev with every port moved by env: banner, apps and JWKS URL follow', async () => {
  test.setTimeout(420_000)
  const testInfo = test.info()
  const moved: Record<string, string> = {}
  for (const name of [
    'CLERK_EMULATOR_PORT',
    'LOCAL_SUPABASE_API_PORT',
    'LOCAL_SUPABASE_DB_PORT',
    'LOCAL_SUPABASE_POSTGREST_PORT',
    'LOCAL_NEXT_PORT',
    'LOCAL_REMIX_PORT',
    'LOCAL_REACT_ROUTER_PORT',
  ]) {
    moved[name] = String(await findFreePort())
  }
  const stack = localStack(moved)
  const defaults = localStack({})
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'moved-ports-db-'))
  const logFile = testInfo.outputPath('pnpm-dev.log')
  const run = runTurbo(['dev'], {
    env: { ...moved, LOCAL_SUPABASE_DATA_DIR: dataDir },
    drop: [...APP_ENV_VARIABLES, 'PORT'],
    logFile,
  })
  try {
    await waitForApps(
      run,
      FRAMEWORKS.map((framework) => `${stack.apps[framework].url}/sign-in`),
      logFile,
    )
    await expect
      .poll(async () => (await readFile(logFile, 'utf8')).includes(BANNER), {
        timeout: 120_000,
      })
      .toBe(true)
    const log = await readFile(logFile, 'utf8')
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
