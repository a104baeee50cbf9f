// The root README: "A second `pnpm test` with nothing changed is a full turbo cache hit." Running
// the suite twice inside the suite is out of the question, so this checks what the promise rests
// on. turbo replays a task when its hash is one it has a cache entry for; the hash is made from
// the task's inputs, its definition and its env. So every task `pnpm test` runs must be
// cacheable, its hash must not drift between two runs with nothing changed, and running a task
// must not change its own inputs (a file it writes that git does not ignore is one). The last
// is checked for real on one cheap test task, and shown to fail on a throwaway workspace whose
// test writes into its own package.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { repoRoot } from '@repo/dev-stack/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type PlannedTask, plannedTasks, runTasks, type TurboOptions } from '../src/turbo.ts'

/** The tasks the root `test` script hands to `turbo run`, read from the script itself. */
function rootTestTasks(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>
  }
  const words =
    /turbo run ([^&|;]+)/
      .exec(scripts.test ?? '')?.[1]
      ?.trim()
      .split(/\s+/) ?? []
  // The task names come before the first flag (`--summarize`, `--filter=…`).
  const flag = words.findIndex((word) => word.startsWith('-'))
  return flag === -1 ? words : words.slice(0, flag)
}

/** A task's input files that its own outputs would overwrite on a cache hit. */
function outputsAmongInputs(task: PlannedTask): string[] {
  const outputs = task.resolvedTaskDefinition.outputs
  const include = outputs.filter((glob) => !glob.startsWith('!'))
  const exclude = outputs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1))
  return Object.keys(task.inputs).filter(
    (file) =>
      include.some((glob) => path.matchesGlob(file, glob)) &&
      !exclude.some((glob) => path.matchesGlob(file, glob)),
  )
}

/** What would stop `turbo run <tasks>` from hitting the cache the second time, found without running it. */
async function planProblems(tasks: readonly string[], options: TurboOptions = {}) {
  const first = await plannedTasks(tasks, options)
  const second = new Map((await plannedTasks(tasks, options)).map((task) => [task.taskId, task]))
  return {
    planned: first.length,
    /** Hashed differently by two dry runs with nothing changed in between, and the inputs that did. */
    drifted: first.flatMap((task) => {
      const again = second.get(task.taskId)
      if (again?.hash === task.hash) return []
      const files = new Set([...Object.keys(task.inputs), ...Object.keys(again?.inputs ?? {})])
      const changed = [...files].filter((file) => task.inputs[file] !== again?.inputs[file])
      return [`${task.taskId}: ${changed.join(', ') || 'no input file (its env or dependencies)'}`]
    }),
    /** `cache: false`: run every time. */
    uncached: first.filter((task) => !task.resolvedTaskDefinition.cache).map((task) => task.taskId),
    /** Outputs that are also inputs: restoring them changes the hash they were filed under. */
    outputsAmongInputs: first
      .map((task) => ({ task: task.taskId, files: outputsAmongInputs(task) }))
      .filter((entry) => entry.files.length > 0),
  }
}

/**
 * Runs `task` twice for real, with a dry run before and after the first: what turbo hashed
 * before and after it ran, and how much of the second run came from the cache.
 */
async function runTwice(task: string, options: TurboOptions) {
  const [before] = await plannedTasks([task], options)
  await runTasks([task], options)
  const [after] = await plannedTasks([task], options)
  const second = await runTasks([task], options)
  return { before: before?.hash, after: after?.hash, cached: second.cached, total: second.total }
}

describe('a second `pnpm test` with nothing changed is a full cache hit', () => {
  const tasks = rootTestTasks()

  test('the root test script runs the tests through turbo', () => {
    expect(tasks).toContain('test')
  })

  test('every task it runs is cacheable, hashes the same twice, and has no input among its outputs', async () => {
    const problems = await planProblems(tasks)
    expect(problems.planned).toBeGreaterThan(20)
    expect(problems).toEqual({
      planned: problems.planned,
      drifted: [],
      uncached: [],
      outputsAmongInputs: [],
    })
  })

  test('a real test task leaves its hash as it was, and the second run is a cache hit', async () => {
    const run = await runTwice('test', { filter: '@repo/env' })
    expect(run.before).toMatch(/^[0-9a-f]{16}$/)
    expect(run).toEqual({ before: run.before, after: run.before, cached: 1, total: 1 })
  })

  describe('the same checks on throwaway workspaces', () => {
    let dir = ''
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'cache-hit-'))
    })
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    /**
     * A one-package workspace whose test writes `last-run.txt` beside it. npm runs the scripts:
     * it ships with Node, and needs no registry to run one.
     */
    async function workspace(
      name: string,
      options: { gitignore?: string; tasks?: Record<string, unknown> } = {},
    ): Promise<string> {
      const root = path.join(dir, name)
      const npm = execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim()
      const write = (file: string, value: unknown) =>
        writeFile(path.join(root, file), typeof value === 'string' ? value : JSON.stringify(value))
      await mkdir(path.join(root, 'packages/writer/src'), { recursive: true })
      await write('package.json', {
        name: 'workspace',
        private: true,
        packageManager: `npm@${npm}`,
        workspaces: ['packages/*'],
      })
      await write('turbo.json', { tasks: options.tasks ?? { test: { outputs: [] } } })
      // As in any turbo repo: turbo's own logs (.turbo/turbo-test.log) are no input.
      await write('.gitignore', `.turbo/\n${options.gitignore ?? ''}`)
      await write('packages/writer/src/index.js', 'export {}\n')
      await write('packages/writer/package.json', {
        name: 'writer',
        private: true,
        scripts: {
          lint: 'node -e ""',
          test: `node -e "require('fs').writeFileSync('last-run.txt', String(Date.now()))"`,
        },
      })
      return root
    }

    test('a test that writes into its own package: the hash moves and the second run misses', async () => {
      const run = await runTwice('test', { cwd: await workspace('written') })
      expect(run.after).not.toBe(run.before)
      expect([run.cached, run.total]).toEqual([0, 1])
    })

    test('the same test once git ignores the file: the same hash, and a hit', async () => {
      const run = await runTwice('test', {
        cwd: await workspace('ignored', { gitignore: 'last-run.txt\n' }),
      })
      expect(run).toEqual({ before: run.before, after: run.before, cached: 1, total: 1 })
    })

    test('a task with cache: false, and outputs that cover inputs, are both named', async () => {
      const cwd = await workspace('misconfigured', {
        tasks: { lint: { cache: false }, test: { outputs: ['src/**'] } },
      })
      expect(await planProblems(['lint', 'test'], { cwd })).toEqual({
        planned: 2,
        drifted: [],
        uncached: ['writer#lint'],
        outputsAmongInputs: [{ task: 'writer#test', files: ['src/index.js'] }],
      })
    })
  })
})
