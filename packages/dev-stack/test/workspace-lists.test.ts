// The lists CONTRIBUTING asks you to extend when you add a package, held to the workspace itself:
// a list that drifts fails here, not in a user's build or in a review that misses the import.
import { globSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { APP_NAMES, APPS, presentApps } from '@repo/local-stack'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { repoRoot } from '../src/testing.ts'

interface Manifest {
  name: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

const workspace = (() => {
  const { packages } = parse(readFileSync(path.join(repoRoot, 'pnpm-workspace.yaml'), 'utf8')) as {
    packages: string[]
  }
  return new Map(
    packages
      .flatMap((pattern) => globSync(`${pattern}/package.json`, { cwd: repoRoot }))
      .map((file) => {
        const manifest = JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as Manifest
        return [manifest.name, { dir: path.dirname(file), manifest }] as const
      }),
  )
})()

function member(name: string) {
  const found = workspace.get(name)
  if (!found) throw new Error(`${name} is not a workspace package`)
  return found
}

const workspaceDeps = (manifest: Manifest, fields: (keyof Manifest)[]) =>
  fields
    .flatMap((field) => Object.keys((manifest[field] as Record<string, string>) ?? {}))
    .filter((name) => workspace.has(name))

/** The workspace packages `from` reaches through `fields`, transitively. */
function reachable(from: string[], fields: (keyof Manifest)[]): Set<string> {
  const seen = new Set<string>()
  const visit = (name: string) => {
    for (const dep of workspaceDeps(member(name).manifest, fields)) {
      if (!seen.has(dep)) {
        seen.add(dep)
        visit(dep)
      }
    }
  }
  for (const name of from) visit(name)
  return seen
}

const apps = [...workspace].filter(([, { dir }]) => dir.startsWith('apps/')).map(([name]) => name)
// What ships: everything an app depends on, even as a devDependency (the README's workspace fence).
const shipped = reachable(apps, ['dependencies', 'devDependencies'])
const devTooling = [...workspace.keys()].filter(
  (name) => name !== 'clerk-supabase-kit' && !apps.includes(name) && !shipped.has(name),
)

const biome = JSON.parse(readFileSync(path.join(repoRoot, 'biome.json'), 'utf8')) as {
  overrides: {
    includes: string[]
    linter?: {
      rules?: {
        style?: { noRestrictedImports?: { options: { patterns: { group: string[] }[] } } }
      }
    }
  }[]
}
const fence = biome.overrides.find((o) => o.linter?.rules?.style?.noRestrictedImports)

describe("Biome's import fence", () => {
  it('covers every app and the source of every package an app depends on', () => {
    expect(shipped.size).toBeGreaterThan(0)
    expect(fence?.includes.sort()).toEqual(
      ['apps/**', ...[...shipped].map((name) => `${member(name).dir}/src/**`)].sort(),
    )
  })

  it('refuses every package that is not shipped, and its subpaths', () => {
    const group = fence?.linter?.rules?.style?.noRestrictedImports?.options.patterns.flatMap(
      (pattern) => pattern.group,
    )
    expect(devTooling.length).toBeGreaterThan(0)
    expect(group?.sort()).toEqual(devTooling.flatMap((name) => [name, `${name}/*`]).sort())
  })
})

describe('the app registry', () => {
  it('lists every app of the workspace', () => {
    expect(apps.sort()).toEqual(
      presentApps()
        .map((app) => APPS[app].package)
        .sort(),
    )
  })

  // Turbo builds an app before a suite that starts it only through a package dependency, and
  // the root's .pnpmfile.cjs drops the dependency on an app whose folder is deleted.
  it.each(['@repo/dev-stack', '@repo/e2e', '@repo/bench'])(
    '%s depends on every app of the registry',
    (name) => {
      const { manifest } = member(name)
      const deps = { ...manifest.dependencies, ...manifest.devDependencies }
      for (const app of APP_NAMES) expect(deps[APPS[app].package], app).toBe('workspace:*')
    },
  )
})

// A checkout that kept no Next app has no Next config to check.
describe.runIf(presentApps().includes('next'))("Next's transpilePackages", () => {
  it('names every workspace package the Next app runs, since they ship TypeScript source', async () => {
    const runs = reachable(
      apps.filter((name) => member(name).dir === 'apps/next'),
      ['dependencies'],
    )
    const { default: nextConfig } = (await import(
      path.join(repoRoot, 'apps/next/next.config.ts')
    )) as {
      default: (phase: string) => { transpilePackages?: string[] }
    }
    expect(nextConfig('phase-development-server').transpilePackages?.sort()).toEqual(
      [...runs].sort(),
    )
  })
})
