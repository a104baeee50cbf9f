// The check every app runs after its build: `start` is the framework's server alone, so with
// nothing configured it stops at once and names every missing variable and where it comes from,
// and without the webhook pair it serves with webhooks off.
import { readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { localEmulatorAppEnv } from '@repo/clerk-emulator'
// The webhook route's optional pair: neither set is a valid configuration (webhooks off).
import { WEBHOOK_VARIABLES } from '@repo/clerk-sync/webhook-variables'
import { type AppName, localStack } from '@repo/local-stack'
import { localStackSecrets } from '@repo/local-supabase'
import { describe, expect, it } from 'vitest'
import { APP_ENV_VARIABLES, requiredVariables, supabaseVariables } from './app-env.ts'
import { appDir, freePort, runPackageScript, startScriptServer } from './testing.ts'

const runStart = (appDir: string, env: Record<string, string | undefined>) =>
  runPackageScript(appDir, 'start', { env, timeoutMs: 60_000 })

/**
 * @param missing what the built app still needs from the server env (Next inlined its
 *   NEXT_PUBLIC_* values at build time), each with a phrase saying where its value comes from
 */
export function defineStartWithoutEnvSuite(
  app: AppName,
  missing: [variable: string, whereFrom: string][],
): void {
  const dir = appDir(app)
  const unset = Object.fromEntries(APP_ENV_VARIABLES.map((variable) => [variable, undefined]))
  describe(`apps/${app}: start with nothing configured`, () => {
    it.each([
      ['unset', unset],
      ['set to empty strings', Object.fromEntries(APP_ENV_VARIABLES.map((v) => [v, '']))],
    ])('stops at once, naming each missing variable, when they are %s', async (_label, env) => {
      const { code, output } = await runStart(dir, { ...env, PORT: '0' })
      expect(code, output).not.toBe(0)
      expect(code, output).not.toBeNull()
      for (const [variable, whereFrom] of missing) {
        expect(output).toContain(`${variable} is not set`)
        expect(output).toContain(whereFrom)
      }
      // The webhook route's pair is optional: unset, it is not a missing variable.
      for (const variable of WEBHOOK_VARIABLES) {
        expect(output).not.toContain(`${variable} is not set`)
      }
      // Nothing filled the gaps in: no dev tooling runs on the start path.
      expect(output).not.toContain('with-local-env')
    })
  })

  describe(`apps/${app}: start with all but the webhook route's variables`, () => {
    it('serves, says in its log that webhooks are off, and answers a delivery 503 naming both', async () => {
      const required = requiredVariables(app)
      expect([...required.clerk, ...required.supabase]).not.toEqual(
        expect.arrayContaining([...WEBHOOK_VARIABLES]),
      )
      // The rest as `pnpm preview` would give it: the local stack's, each valid.
      const rest: Record<string, string | undefined> = {
        ...unset,
        ...localEmulatorAppEnv()[app],
        ...supabaseVariables(app, localStack().supabase.url, localStackSecrets().anonKey, ''),
      }
      for (const variable of WEBHOOK_VARIABLES) rest[variable] = undefined
      const port = await freePort()
      const logFile = path.join(os.tmpdir(), `start-without-webhooks-${app}-${process.pid}.log`)
      const server = await startScriptServer('start', {
        cwd: dir,
        port,
        logFile,
        env: { ...rest, PORT: String(port), NODE_ENV: 'production' },
      })
      try {
        const response = await fetch(`${server.url}/api/webhooks/clerk`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
        expect(response.status).toBe(503)
        expect(await response.json()).toMatchObject({ missing: WEBHOOK_VARIABLES })
        await expect
          .poll(() => readFileSync(logFile, 'utf8'))
          .toContain(`apps/${app}: Clerk webhooks are off: set CLERK_WEBHOOK_SIGNING_SECRET`)
      } finally {
        await server.stop()
        rmSync(logFile, { force: true })
      }
    })

    it.each(WEBHOOK_VARIABLES)(
      'stops at once when only %s is unset, naming it',
      async (variable) => {
        const rest: Record<string, string | undefined> = {
          ...unset,
          ...localEmulatorAppEnv()[app],
          ...supabaseVariables(
            app,
            localStack().supabase.url,
            localStackSecrets().anonKey,
            localStackSecrets().serviceRoleKey,
          ),
          [variable]: undefined,
        }
        const { code, output } = await runStart(dir, { ...rest, PORT: '0' })
        expect(code, output).not.toBe(0)
        expect(code, output).not.toBeNull()
        expect(output).toContain(`${variable} is not set, but`)
        expect(output).toContain(
          variable === 'SUPABASE_SECRET_KEY'
            ? 'Project Settings > API Keys'
            : 'Clerk dashboard > Webhooks',
        )
      },
    )
  })
}
