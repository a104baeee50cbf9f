// A fresh clone's first `pnpm dev` page must not make Vite re-optimize dependencies it found
// late: the browser can then get React and React DOM from two optimizer runs ("Invalid hook
// call"), which is how a dependency missing from an app's optimizeDeps shows up. Both Vite apps.
import { readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { findFreePort } from '@repo/local-supabase/testing'
import { expect, it } from 'vitest'
import { appDir, documentHeaders, startScriptServer } from '../../src/testing.ts'

it.each(['remix', 'react-router'] as const)(
  'the %s dev server optimizes every dependency before the first page',
  async (app) => {
    await rm(path.join(appDir(app), 'node_modules/.vite'), { recursive: true, force: true })
    const port = await findFreePort()
    const logFile = path.join(os.tmpdir(), `${app}-dev-deps-${process.pid}.log`)
    const server = await startScriptServer('dev', {
      cwd: appDir(app),
      port,
      env: {
        [app === 'remix' ? 'LOCAL_REMIX_PORT' : 'LOCAL_REACT_ROUTER_PORT']: String(port),
        DEBUG: 'vite:deps',
      },
      logFile,
      timeoutMs: 120_000,
    })
    try {
      for (const route of ['/', '/ssr', '/sign-in']) {
        await fetch(`${server.url}${route}`, { headers: documentHeaders(), redirect: 'manual' })
      }
      await new Promise((resolve) => setTimeout(resolve, 2_000))
    } finally {
      await server.stop()
    }
    const log = await readFile(logFile, 'utf8')
    expect(log, 'vite:deps debug output').toContain('dependencies optimized')
    expect(log).not.toMatch(
      /new dependencies found|Failed to resolve dependency|optimized dependencies changed/,
    )
  },
)
