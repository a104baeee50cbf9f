// A fresh clone's first `pnpm dev` pages must not make Vite re-optimize dependencies it found
// late: the browser can then get React and React DOM from two optimizer runs ("Invalid hook
// call"), or a 504 "Outdated Optimize Dep" for a module it asked for, which is how a dependency
// missing from an app's optimizeDeps shows up. Vite finds such a dependency only when a module
// importing it is transformed, so this loads every client module the pages pull in, as a
// browser does, signed out and signed in. Both Vite apps. Deletes the app's Vite cache, which a
// running dev server uses: run it under `flock /tmp/ports.lock`.
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { appEnv } from '@repo/clerk-emulator'
import { signInOverHttp, startTestEmulator } from '@repo/clerk-emulator/testing'
import { APPS, presentApps, seededUsers } from '@repo/local-stack'
import { findFreePort } from '@repo/local-supabase/testing'
import ts from 'typescript'
import { expect, it } from 'vitest'
import { APP_ENV_VARIABLES } from '../../src/app-env.ts'
import { appDir, documentHeaders, spawnPackageScript } from '../../src/testing.ts'

// Vite prints its messages in colour.
const plain = stripVTControlCharacters

/** What Vite prints when it optimizes again after the first run. */
const LATE_OPTIMIZATION =
  /new dependencies found|new dependencies optimized|optimized dependencies changed|Failed to resolve dependency/

/**
 * What a module imports: static, re-exported and dynamic imports, read by TypeScript's scanner,
 * which skips comments and strings (bundles quote `import X from './X'` in their docs). A browser
 * resolves only URLs and relative paths, into which Vite rewrites every import it serves.
 */
function importsOf(code: string): string[] {
  return ts
    .preProcessFile(code, true, true)
    .importedFiles.map((file) => file.fileName)
    .filter((specifier) => /^(\/|\.\.?\/|https?:)/.test(specifier))
}

/** The modules a page loads: its module scripts (their src, and what inline ones import). */
function pageImports(html: string): string[] {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
    ([, attributes]) => /\btype="module"/.test(attributes ?? ''),
  )
  return [
    ...scripts.flatMap(([, attributes]) => attributes?.match(/\bsrc="([^"]+)"/)?.[1] ?? []),
    ...scripts.flatMap(([, , code]) => importsOf(code ?? '')),
    ...[...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)].flatMap(
      ([tag]) => tag.match(/\bhref="([^"]+)"/)?.[1] ?? [],
    ),
  ]
}

/**
 * Requests the pages, then every module they import, transitively, as a browser loading them
 * does; resolves with each module's status once all have answered.
 */
async function loadLikeABrowser(
  origin: string,
  pages: string[],
  cookie?: string,
): Promise<Map<string, number>> {
  const statuses = new Map<string, number>()
  const load = async (url: URL): Promise<void> => {
    if (url.origin !== origin || statuses.has(url.href)) return
    statuses.set(url.href, 0)
    const response = await fetch(url)
    statuses.set(url.href, response.status)
    const text = await response.text()
    if (!response.headers.get('content-type')?.includes('javascript')) return
    await Promise.all(importsOf(text).map((specifier) => load(new URL(specifier, url))))
  }
  for (const page of pages) {
    // Not followed: a signed-in page that redirects to /sign-in would load the wrong modules.
    const response = await fetch(`${origin}${page}`, {
      headers: documentHeaders(cookie),
      redirect: 'manual',
    })
    const html = await response.text()
    expect(response.status, `${page}: ${html.slice(0, 300)}`).toBe(200)
    await Promise.all(pageImports(html).map((specifier) => load(new URL(specifier, response.url))))
  }
  return statuses
}

// The Vite apps this checkout has (vitest.config.ts leaves this file out when there are none).
it.each(presentApps().filter((app) => APPS[app].framework !== 'next'))(
  'the %s dev server optimizes every dependency its first pages load, before the first page',
  async (app) => {
    await rm(path.join(appDir(app), 'node_modules/.vite'), { recursive: true, force: true })
    const port = await findFreePort()
    const origin = `http://localhost:${port}`
    // A Clerk emulator, so the signed-in pages (and the modules only they load) render too.
    const clerk = await startTestEmulator({ allowedOrigins: [origin] })
    const child = spawnPackageScript(appDir(app), 'dev', {
      env: {
        ...Object.fromEntries(APP_ENV_VARIABLES.map((name) => [name, undefined])),
        ...appEnv(clerk.emulator.instance, clerk.emulator.key, clerk.emulator.webhookSecret)[app],
        [APPS[app].portVariable]: String(port),
        DEBUG: 'vite:deps',
      },
      capture: true,
    })
    let output = ''
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()))
    // Vite prints its URL once it listens.
    const ready = new RegExp(`Local:\\s+${origin}/`)
    const listening = new Promise<void>((resolve, reject) => {
      for (const stream of [child.stdout, child.stderr]) {
        stream?.on('data', (chunk) => {
          output += chunk
          if (ready.test(plain(output))) resolve()
        })
      }
      void closed.then(() => reject(new Error(`the dev server exited:\n${output}`)))
    })
    try {
      await listening
      const { alice } = seededUsers()
      const session = await signInOverHttp(clerk.url, alice.email, alice.password, origin)
      const statuses = new Map([
        ...(await loadLikeABrowser(origin, ['/sign-in', '/sign-up'])),
        ...(await loadLikeABrowser(origin, ['/', '/ssr'], await session.appCookieHeader())),
      ])
      const deps = [...statuses.keys()].filter((url) => url.includes('/node_modules/.vite/deps/'))
      expect(deps.length, 'optimized dependencies loaded').toBeGreaterThan(0)
      // A module imported from an optimizer run that a later one replaced answers 504.
      expect([...statuses].filter(([, status]) => status !== 200)).toEqual([])
    } finally {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await closed
      clearTimeout(timer)
      await clerk.stop()
    }
    // Every line the optimizer printed while the modules loaded is in: the server's output ended.
    const log = plain(output)
    expect(log, 'vite:deps debug output').toContain('dependencies optimized')
    expect(log).not.toMatch(LATE_OPTIMIZATION)
  },
)
