// The check every app runs after its build: `start` is the framework's server alone, so with
// nothing configured it stops at once and names every missing variable and where it comes from.
import { localEmulatorAppEnv } from '@repo/clerk-emulator'
import { type AppName, localStack } from '@repo/local-stack'
import { localStackSecrets } from '@repo/local-supabase'
import { describe, expect, it } from 'vitest'
import { APP_ENV_VARIABLES, requiredVariables, supabaseVariables } from './app-env.ts'
import { appDir, runPackageScript } from './testing.ts'

/** What only the webhook route reads; every app's Clerk and Supabase groups include them. */
const WEBHOOK_VARIABLES = ['CLERK_WEBHOOK_SIGNING_SECRET', 'SUPABASE_SECRET_KEY']

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
      // All at once: the webhook route's too, not only the first group a preset checked.
      for (const variable of WEBHOOK_VARIABLES) expect(output).toContain(`${variable} is not set`)
      // Nothing filled the gaps in: no dev tooling runs on the start path.
      expect(output).not.toContain('with-local-env')
    })
  })

  describe(`apps/${app}: start with all but the webhook route's variables`, () => {
    it('stops at once, naming the webhook signing secret and the Supabase secret key', async () => {
      const required = requiredVariables(app)
      expect([...required.clerk, ...required.supabase]).toEqual(
        expect.arrayContaining(WEBHOOK_VARIABLES),
      )
      // The rest as `pnpm preview` would give it: the local stack's, each valid.
      const rest: Record<string, string | undefined> = {
        ...unset,
        ...localEmulatorAppEnv()[app],
        ...supabaseVariables(app, localStack().supabase.url, localStackSecrets().anonKey, ''),
      }
      for (const variable of WEBHOOK_VARIABLES) rest[variable] = undefined
      const { code, output } = await runStart(dir, { ...rest, PORT: '0' })
      expect(code, output).not.toBe(0)
      expect(code, output).not.toBeNull()
      for (const variable of WEBHOOK_VARIABLES) expect(output).toContain(`${variable} is not set`)
      expect(output).toContain('Clerk dashboard > Webhooks')
      expect(output).toContain('Project Settings > API Keys')
    })
  })
}
