// "Port already in use": whatever `pnpm dev` starts on a port that is taken stops, saying which
// port and which variable moves it. Every port @repo/local-stack lists, each through the `dev`
// script turbo runs for it. Binds the stack's fixed ports: run it under `flock /tmp/ports.lock`.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { type AppName, type LocalStack, localStack } from '@repo/local-stack'
import { createTestIssuer } from '@repo/local-supabase/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ENV_VARIABLES } from '../src/app-env.ts'
import { appDir, portAt, repoRoot, runPackageScript, stackPorts } from '../src/testing.ts'

let workDir: string
let supabaseEnv: Record<string, string>

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'port-in-use-'))
  // Postgres refuses a data directory others can read; its parent must let it in.
  await chmod(workDir, 0o755)
  // local-supabase checks the database's port after loading the JWKS it trusts: give it one, so
  // no emulator has to run.
  const jwksFile = path.join(workDir, 'jwks.json')
  await writeFile(jwksFile, JSON.stringify((await createTestIssuer()).jwks))
  supabaseEnv = {
    LOCAL_SUPABASE_JWKS_FILE: jwksFile,
    LOCAL_SUPABASE_DATA_DIR: path.join(workDir, 'data'),
  }
})
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true })
})

/** The package whose `dev` script binds a port of each part of LocalStack. */
const binders: Record<keyof LocalStack, (at: string[]) => { dir: string; env?: () => object }> = {
  emulator: () => ({ dir: path.join(repoRoot, 'packages/clerk-emulator') }),
  supabase: () => ({ dir: path.join(repoRoot, 'packages/local-supabase'), env: () => supabaseEnv }),
  apps: (at) => ({ dir: appDir(at[1] as AppName) }),
}

/** Holds `port` on every address, as another program listening there would. */
async function hold(port: number): Promise<net.Server> {
  const server = net.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port }, resolve)
  })
  return server
}

async function runDev(dir: string, env: object): Promise<{ code: number | null; output: string }> {
  return await runPackageScript(dir, 'dev', {
    env: { ...Object.fromEntries(APP_ENV_VARIABLES.map((name) => [name, undefined])), ...env },
    // One that started anyway never exits by itself.
    timeoutMs: 90_000,
  })
}

describe('a port of the local stack already in use', () => {
  const stack = localStack()
  it.each(stackPorts(stack).map(({ at, port }) => [at.join('.'), port, at] as const))(
    '%s (%i): its dev task stops, naming the port and the variable that moves it',
    async (_label, port, at) => {
      const binder = binders[at[0] as keyof LocalStack](at)
      const blocker = await hold(port)
      let result: { code: number | null; output: string }
      try {
        result = await runDev(binder.dir, binder.env?.() ?? {})
      } finally {
        await new Promise((resolve) => blocker.close(resolve))
      }
      const { code, output } = result
      expect(code, output).not.toBe(0)
      expect(code, output).not.toBeNull()
      expect(output).toMatch(new RegExp(`Port ${port}\\b.*already in use`))
      // The variable it names must be the one that moves this port.
      const spare = 61_234
      const named = [...new Set(output.match(/\b[A-Z][A-Z0-9_]*_PORT\b/g) ?? [])]
      expect(
        named.filter((name) => portAt(localStack({ [name]: String(spare) }), at) === spare),
        output,
      ).not.toEqual([])
    },
  )
})
