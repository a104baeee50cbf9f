// The production build is `next build` alone, as Vercel or a Dockerfile runs it. With its public
// values missing, half set or pointing at this machine, it stops before compiling and names each
// one; nothing from the local stack fills the gaps in. The local build (build:local) is left as
// it was: the other suites serve it.
import { statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_ENV_VARIABLES } from '../../src/app-env.ts'
import { appDir, runPackageScript } from '../../src/testing.ts'

const dir = appDir('next')
const unset = Object.fromEntries(
  [...APP_ENV_VARIABLES, 'ALLOW_LOCALHOST_BUILD'].map((name) => [name, undefined]),
)

const runBuild = (env: Record<string, string | undefined>) =>
  runPackageScript(dir, 'build', {
    env: { ...unset, NEXT_TELEMETRY_DISABLED: '1', ...env },
    // A build that got past the check would compile for a minute: fail long before that.
    timeoutMs: 30_000,
  })

const PUBLIC_VARIABLES = [
  ['NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'Clerk dashboard > API keys'],
  ['NEXT_PUBLIC_SUPABASE_URL', 'Project Settings > Data API'],
  ['NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY', 'Project Settings > API Keys'],
] as const

describe('apps/next: the production build with its env missing', () => {
  const builtAt = () => statSync(path.join(dir, '.next'), { throwIfNoEntry: false })?.mtimeMs

  it('stops at once with nothing set, naming each public variable and where it comes from', async () => {
    const before = builtAt()
    const { code, output } = await runBuild({})
    expect(code, output).toBe(1)
    expect(output).toContain('apps/next cannot be built for production')
    for (const [variable, whereFrom] of PUBLIC_VARIABLES) {
      expect(output).toContain(`${variable} is not set`)
      expect(output).toContain(whereFrom)
    }
    // Server-only values are the deploy's run-time business, not the build's.
    expect(output).not.toContain('CLERK_SECRET_KEY')
    expect(output).not.toContain('with-local-env')
    expect(builtAt()).toBe(before)
  })

  it('names the rest of a group set by half', async () => {
    const { code, output } = await runBuild({
      NEXT_PUBLIC_SUPABASE_URL: 'https://abc.supabase.co',
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_live_${btoa('clerk.example.com$')}`,
    })
    expect(code, output).toBe(1)
    expect(output).toContain('NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY is not set')
    expect(output).not.toContain('NEXT_PUBLIC_SUPABASE_URL is not set')
    expect(output).not.toContain('NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is not set')
  })

  it('refuses to inline an address on this machine unless told by name', async () => {
    const { code, output } = await runBuild({
      NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321',
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_abc',
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_live_${btoa('clerk.example.com$')}`,
    })
    expect(code, output).toBe(1)
    expect(output).toContain('NEXT_PUBLIC_SUPABASE_URL points at 127.0.0.1')
    expect(output).toContain('ALLOW_LOCALHOST_BUILD=1')
  })
})
