// A `.only` left in a test file makes vitest skip every other test of the run, and the run still
// passes. Under CI that must fail instead, in every package that runs vitest.
import { execFile } from 'node:child_process'
import { globSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { childEnv } from '@repo/env/child-env'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { repoRoot } from '../src/testing.ts'

const exec = promisify(execFile)
const packageDir = path.resolve(import.meta.dirname, '..')

interface VitestPackage {
  dir: string
  /** Its vitest.config.*, or undefined when it runs on vitest's defaults. */
  config: string | undefined
  scripts: string[]
}

/** Every workspace package (pnpm-workspace.yaml's globs) with a script that runs vitest. */
function vitestPackages(): VitestPackage[] {
  const workspace = parse(readFileSync(path.join(repoRoot, 'pnpm-workspace.yaml'), 'utf8')) as {
    packages: string[]
  }
  return workspace.packages
    .flatMap((pattern) => globSync(`${pattern}/package.json`, { cwd: repoRoot }))
    .sort()
    .flatMap((manifest) => {
      const dir = path.join(repoRoot, path.dirname(manifest))
      const { scripts = {} } = JSON.parse(readFileSync(path.join(repoRoot, manifest), 'utf8')) as {
        scripts?: Record<string, string>
      }
      const vitestScripts = Object.values(scripts).filter((script) => /\bvitest\b/.test(script))
      if (vitestScripts.length === 0) return []
      const [config, ...others] = globSync('vitest.config.*', { cwd: dir })
      if (others.length > 0) throw new Error(`${dir} has more than one vitest.config`)
      return [{ dir, config: config && path.join(dir, config), scripts: vitestScripts }]
    })
}

/** `allowOnly` as vitest resolves it for each package, in a process with `env`. */
async function resolvedAllowOnly(
  packages: VitestPackage[],
  env: NodeJS.ProcessEnv,
): Promise<Record<string, unknown>> {
  // A fresh process: vitest reads CI once, when its modules load.
  const script = `
    import { resolveConfig } from 'vitest/node'
    const result = {}
    for (const { dir, config } of JSON.parse(process.argv[1])) {
      const resolved = await resolveConfig({ root: dir, config, mode: 'test', run: true })
      result[dir] = resolved.test.allowOnly
    }
    console.log(JSON.stringify(result))
  `
  const { stdout } = await exec(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(packages)],
    { cwd: packageDir, env },
  )
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>
}

const tempDirs: string[] = []
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

describe('focused tests (.only) under CI', () => {
  const packages = vitestPackages()

  it('finds every vitest config in the repo through the workspace, not a list', () => {
    expect(packages.map((pkg) => path.relative(repoRoot, pkg.dir))).toContain('packages/dev-stack')
    const configsInRepo = globSync('**/vitest.config.*', {
      cwd: repoRoot,
      exclude: (name) => name === 'node_modules' || name === '.git',
    }).map((file) => path.join(repoRoot, file))
    expect(configsInRepo.length).toBeGreaterThan(0)
    expect(packages.map((pkg) => pkg.config).filter(Boolean)).toEqual(
      expect.arrayContaining(configsInRepo),
    )
    // A flag on the command line would override every config.
    for (const pkg of packages)
      for (const script of pkg.scripts) expect(script).not.toMatch(/--allow-?only/i)
  })

  it('every package that runs vitest refuses .only when CI=true', async () => {
    const allowOnly = await resolvedAllowOnly(packages, childEnv({ CI: 'true' }))
    expect(allowOnly).toEqual(Object.fromEntries(packages.map((pkg) => [pkg.dir, false])))
  })

  it('a stray .only fails a real vitest run when CI=true, and passes with --allowOnly', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'focused-tests-'))
    tempDirs.push(root)
    mkdirSync(path.join(root, 'test'))
    writeFileSync(
      path.join(root, 'test/stray-only.test.ts'),
      "test.only('the one being debugged', () => {})\ntest('every other test', () => {})\n",
    )
    // This package's own vitest and config, pointed at the temporary file (globals: it imports
    // nothing, so it needs no node_modules beside it).
    const vitest = path.join(packageDir, 'node_modules/.bin/vitest')
    const args = ['run', '--config', path.join(packageDir, 'vitest.config.ts'), '--root', root]
    const run = (extra: string[]) =>
      exec(vitest, [...args, '--globals', ...extra], { env: childEnv({ CI: 'true' }) }).then(
        () => ({ code: 0, output: '' }),
        (error: { code: number; stdout: string; stderr: string }) => ({
          code: error.code,
          output: `${error.stdout}${error.stderr}`,
        }),
      )
    const [refused, allowed] = await Promise.all([run([]), run(['--allowOnly'])])
    expect(refused.output).toContain('Unexpected .only modifier')
    expect(refused.code).toBe(1)
    expect(allowed).toEqual({ code: 0, output: '' })
  })
})
