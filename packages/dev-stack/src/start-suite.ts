// The check both apps run after their build: `start` is the framework's server alone, so with
// nothing configured it stops at once and names every missing variable and where it comes from.
import { describe, expect, it } from 'vitest'
import { APP_ENV_VARIABLES } from './app-env.ts'
import { spawnPackageScript } from './testing.ts'

async function runStart(
  appDir: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  const child = spawnPackageScript(appDir, 'start', { env, capture: true })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  clearTimeout(timer)
  return { code, output }
}

/**
 * @param missing what the built app still needs from the server env (Next inlined its
 *   NEXT_PUBLIC_* values at build time), each with a phrase saying where its value comes from
 */
export function defineStartWithoutEnvSuite(
  name: string,
  appDir: string,
  missing: [variable: string, whereFrom: string][],
): void {
  const unset = Object.fromEntries(APP_ENV_VARIABLES.map((variable) => [variable, undefined]))
  describe(`${name}: start with nothing configured`, () => {
    it.each([
      ['unset', unset],
      ['set to empty strings', Object.fromEntries(APP_ENV_VARIABLES.map((v) => [v, '']))],
    ])('stops at once, naming each missing variable, when they are %s', async (_label, env) => {
      const { code, output } = await runStart(appDir, { ...env, PORT: '0' })
      expect(code, output).not.toBe(0)
      expect(code, output).not.toBeNull()
      for (const [variable, whereFrom] of missing) {
        expect(output).toContain(`${variable} is not set`)
        expect(output).toContain(whereFrom)
      }
      // Nothing filled the gaps in: no dev tooling runs on the start path.
      expect(output).not.toContain('with-local-env')
    })
  })
}
