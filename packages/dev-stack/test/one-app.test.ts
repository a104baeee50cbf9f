// "Keep only the apps you want" (README): a copy of this checkout with one app's folder left
// (React Router) installs with `pnpm install`, `pnpm dev` lists and waits for that app alone,
// the Clerk emulator delivers no webhook to the deleted apps, alice signs in and adds a task in a
// real browser, and that app's built e2e scenarios pass in the copy. Every port moves to a free
// one, so nothing here depends on what else runs.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync } from 'node:fs'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { CHROMIUM_ARGS, systemChromium } from '@repo/clerk-emulator/testing'
import { childEnv } from '@repo/env/child-env'
import {
  APP_NAMES,
  APPS,
  type AppName,
  localStack,
  presentApps,
  seededUsers,
} from '@repo/local-stack'
import { chromium } from 'playwright-core'
import { expect, it } from 'vitest'
import { APP_ENV_VARIABLES } from '../src/app-env.ts'
import { BANNER_TITLE, bannerRow } from '../src/banner.ts'
import { freeStackPorts, repoRoot } from '../src/testing.ts'
import { type Process, startedBy, stillRunning } from './support/processes.ts'

// React Router, or the one app a checkout that kept another still has.
const KEPT: AppName = presentApps().includes('react-router')
  ? 'react-router'
  : (presentApps()[0] as AppName)
const deleted = APP_NAMES.filter((app) => app !== KEPT)

/** This checkout's files as a fresh clone has them (tracked, and new files not ignored). */
function copyCheckout(to: string): void {
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  )
    .split('\0')
    .filter(
      (file) => file !== '' && !deleted.some((app) => file.startsWith(`apps/${APPS[app].dir}/`)),
    )
  for (const file of files) {
    try {
      mkdirSync(path.dirname(path.join(to, file)), { recursive: true })
      cpSync(path.join(repoRoot, file), path.join(to, file))
    } catch (error) {
      // A file deleted in the work tree but not yet in the index is not in a clone either.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
}

/** Runs a command in the copy to its end; its output is the failure message. */
function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code === 0) resolve(output)
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.slice(-6000)}`))
    })
  })
}

function untilExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
}

it(`a copy with only apps/${KEPT} installs, runs \`pnpm dev\` and passes its built scenarios`, {
  timeout: 900_000,
}, async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'one-app-'))
  // Postgres runs as its own user when the suite runs as root: it must reach its data directory.
  await chmod(root, 0o755)
  // Every port of the stack, and the deleted apps' too: a delivery to one of those would show.
  const ports = await freeStackPorts()
  const env = childEnv({ ...ports, TURBO_TELEMETRY_DISABLED: '1' }, [...APP_ENV_VARIABLES, 'PORT'])
  const stack = localStack(ports)
  let dev: ChildProcess | undefined
  // What `pnpm dev` started, recorded while its tree is whole: turbo's tasks run in process
  // groups of their own, so a signal to pnpm's group alone does not reach them.
  let started: Process[] = []
  try {
    copyCheckout(root)
    // As on a laptop: pnpm updates the lockfile for the deleted apps (CI would refuse to).
    await run(root, 'pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile'], env)
    const lockfile = readFileSync(path.join(root, 'pnpm-lock.yaml'), 'utf8')
    for (const app of deleted) expect(lockfile).not.toContain(`apps/${APPS[app].dir}`)

    dev = spawn('pnpm', ['dev'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    })
    const child = dev
    const exited = untilExit(child)
    let output = ''
    const banner = new Promise<void>((resolve, reject) => {
      for (const stream of [child.stdout, child.stderr]) {
        stream?.on('data', (chunk) => {
          output += chunk
          if (output.includes(BANNER_TITLE)) resolve()
        })
      }
      void exited.then(() => reject(new Error(`pnpm dev exited before its banner:\n${output}`)))
    })
    await banner
    started = startedBy(child.pid as number)
    const url = stack.apps[KEPT].url
    // The banner is the box between its top and bottom edges; the rest is the services' logs.
    const top = output.indexOf('┌')
    const bottom = output.indexOf('└', top)
    expect(top, 'the banner’s top edge').toBeGreaterThanOrEqual(0)
    expect(bottom, 'the banner’s bottom edge').toBeGreaterThan(top)
    const bannerText = output.slice(top, bottom)
    expect(bannerText).toContain(bannerRow(stack, KEPT))

    const errors: string[] = []
    const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS })
    try {
      const page = await browser.newPage()
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console.error: ${message.text()}`)
      })
      page.setDefaultTimeout(120_000)
      const { alice } = seededUsers()
      await page.goto(`${url}/`)
      await page.locator('input[name=identifier]').fill(alice.email)
      await page.locator('input[name=password]').fill(alice.password)
      await page.locator('.cl-formButtonPrimary').click()
      await page.locator('.cl-userButtonTrigger').waitFor()
      const name = `one app ${Date.now()}`
      await page.getByRole('button', { name: 'Add' }).and(page.locator(':enabled')).waitFor()
      await page.getByLabel('New task').fill(name)
      await page.getByRole('button', { name: 'Add' }).click()
      await page.getByRole('listitem').filter({ hasText: name }).waitFor()
      await page.goto(`${url}/ssr`)
      await page.getByRole('listitem').filter({ hasText: name }).waitFor()
    } finally {
      await browser.close()
    }
    expect(errors).toEqual([])
    // Neither the banner nor a webhook delivery names a deleted app: the emulator logs where it
    // delivers, and each failed delivery and retry of the seeded users' webhooks, with the URL.
    // (Its allowed origins still list every registry app's local origin, on purpose.)
    const deliveries = output
      .split('\n')
      .filter((line) => line.includes('webhooks') || line.includes('user.created'))
    expect(deliveries.length).toBeGreaterThan(0)
    for (const app of deleted) {
      expect(bannerText).not.toContain(stack.apps[app].url)
      expect(bannerText).not.toContain(bannerRow(stack, app))
      expect(deliveries.filter((line) => line.includes(stack.apps[app].url))).toEqual([])
    }

    process.kill(-(child.pid as number), 'SIGINT')
    await exited
    dev = undefined

    // That app's built scenarios, in the copy, on the moved ports.
    await run(root, 'pnpm', ['turbo', 'run', 'build:local', `--filter=${APPS[KEPT].package}`], env)
    await run(
      root,
      'pnpm',
      ['--filter', '@repo/e2e', 'exec', 'playwright', 'test', '--project=built'],
      env,
    )
    const report = JSON.parse(
      readFileSync(path.join(root, 'packages/e2e/test-results/report.json'), 'utf8'),
    ) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } }
    expect(report.stats.unexpected).toBe(0)
    expect(report.stats.expected).toBeGreaterThan(0)
  } finally {
    if (dev?.pid) {
      // A failed run stops `pnpm dev` as Ctrl-C does: SIGINT, which turbo passes on to its tasks
      // (a SIGKILLed turbo cannot, and its tasks outlived it). Whatever still runs after that
      // is killed by the PIDs recorded above.
      const group = dev.pid
      started = [...started, ...startedBy(group)]
      try {
        process.kill(-group, 'SIGINT')
      } catch {
        // the group is gone
      }
      await Promise.race([untilExit(dev), new Promise((resolve) => setTimeout(resolve, 30_000))])
      for (const { pid } of stillRunning(started)) {
        try {
          process.kill(pid, 'SIGKILL')
        } catch {
          // exited meanwhile
        }
      }
      await untilExit(dev)
    }
    await rm(root, { recursive: true, force: true })
  }
})
