// The with-local-env binary, as each app's `dev`, `build` and `preview` scripts run it: a group set
// by half stops it before the command starts, naming what is set and what is missing.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { childEnv } from '@repo/env/child-env'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ENV_VARIABLES, requiredVariables } from '../src/app-env.ts'
import { appNames, repoRoot } from '../src/testing.ts'

const bin = path.join(repoRoot, 'packages/dev-stack/bin/with-local-env.js')
let workDir: string
let runs = 0

beforeAll(async () => {
  // An app folder with no env files, so only the variables a case sets count.
  workDir = await mkdtemp(path.join(os.tmpdir(), 'with-local-env-'))
})
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true })
})

function runWithLocalEnv(app: string, set: Record<string, string>) {
  // One marker per run: a command that ran in an earlier case must not count for this one.
  runs += 1
  const marker = path.join(workDir, `ran-${runs}`)
  const result = spawnSync(
    process.execPath,
    [
      bin,
      app,
      '--',
      process.execPath,
      '-e',
      'require("node:fs").writeFileSync(process.argv[1], "")',
      marker,
    ],
    {
      cwd: workDir,
      env: childEnv(set, APP_ENV_VARIABLES),
      encoding: 'utf8',
      timeout: 60_000,
    },
  )
  return {
    code: result.status,
    output: `${result.stdout}${result.stderr}`,
    ran: existsSync(marker),
  }
}

describe.each(appNames())('with-local-env %s', (app) => {
  describe.each(['clerk', 'supabase'] as const)('with the %s group set by half', (group) => {
    const required = requiredVariables(app)[group]
    const service = group === 'clerk' ? 'Clerk' : 'Supabase'
    // The first alone (a publishable key copied without its secret key, a URL without its key),
    // then the last alone. The webhook pair is optional and never makes a group half set.
    it.each([
      ['only the first', required.slice(0, 1)],
      ['only the last', required.slice(-1)],
    ])('stops before the command when %s of its variables is set', (_label, set) => {
      const { code, output, ran } = runWithLocalEnv(
        app,
        Object.fromEntries(set.map((name) => [name, `${name.toLowerCase()}_set_by_hand`])),
      )
      expect(code, output).toBe(1)
      expect(ran, 'the command ran').toBe(false)
      expect(output).toContain(`The ${service} settings are only half set`)
      for (const name of set) expect(output).toContain(`${name} (from the process env)`)
      for (const name of required.filter((name) => !set.includes(name))) {
        expect(output).toMatch(new RegExp(`\\b${name} \\(from the (Clerk|Supabase) dashboard`))
      }
    })
  })
})
