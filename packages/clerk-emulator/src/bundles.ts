// Serves the Clerk browser bundles from the installed npm packages, each whole `dist/` folder
// flat (chunks load relative to the entry script), at neutral paths: clerk-js 6 rewrites any
// "/@clerk/clerk-js@x/dist" URL to its own exact version.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)

/** The `dist/` folder of an installed package (whose exports may hide package.json). */
function distOf(pkg: string): string {
  let dir = path.dirname(require.resolve(pkg))
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name) {
      return path.join(dir, 'dist')
    }
    dir = path.dirname(dir)
  }
  throw new Error(`Cannot find the installed package ${pkg}; run pnpm install.`)
}

export const BUNDLES = {
  /** clerk-js 6 (Core 3, used by @clerk/nextjs 7): the UI is a separate bundle. */
  '/js/clerk-6/': { dir: () => distOf('@clerk/clerk-js'), entry: 'clerk.browser.js' },
  /** @clerk/ui 1 (Core 3's prebuilt components). */
  '/js/clerk-ui-1/': { dir: () => distOf('@clerk/ui'), entry: 'ui.browser.js' },
  /** clerk-js 5 (Core 2, used by @clerk/remix 4): the UI is inside. */
  '/js/clerk-5/': { dir: () => distOf('clerk-js-5'), entry: 'clerk.browser.js' },
} as const

export function bundleUrls(origin: string) {
  return {
    clerkJs6: `${origin}/js/clerk-6/clerk.browser.js`,
    clerkUi: `${origin}/js/clerk-ui-1/ui.browser.js`,
    clerkJs5: `${origin}/js/clerk-5/clerk.browser.js`,
  }
}

/** The file for a bundle URL path, or undefined (including any path escaping the folder). */
export function resolveBundleFile(pathname: string): string | undefined {
  for (const [prefix, bundle] of Object.entries(BUNDLES)) {
    if (!pathname.startsWith(prefix)) continue
    const dir = bundle.dir()
    const file = path.resolve(dir, `.${path.posix.normalize(`/${pathname.slice(prefix.length)}`)}`)
    if (!file.startsWith(`${dir}${path.sep}`)) return undefined
    return existsSync(file) && statSync(file).isFile() ? file : undefined
  }
  return undefined
}
