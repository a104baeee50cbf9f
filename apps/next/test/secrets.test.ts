// After `next build`: nothing secret may be in what browsers download.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { localEmulatorAppEnv } from '@repo/clerk-emulator'
import { DEFAULT_SERVICE_ROLE_KEY } from '@repo/local-supabase'
import { describe, expect, it } from 'vitest'

const staticDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.next/static')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })
}

describe('the client bundle (.next/static)', () => {
  const files = filesUnder(staticDir)
  const text = files.map((file) => readFileSync(file, 'utf8'))

  it('exists (next build ran) and carries the public Clerk key', () => {
    expect(files.length).toBeGreaterThan(5)
    const { NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY } = localEmulatorAppEnv().next
    expect(text.some((content) => content.includes(NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ?? '?'))).toBe(
      true,
    )
  })

  it.each([
    ['the Clerk secret key', () => localEmulatorAppEnv().next.CLERK_SECRET_KEY ?? ''],
    ['the service-role key', () => DEFAULT_SERVICE_ROLE_KEY],
  ])('holds no %s', (_label, secret) => {
    const value = secret()
    expect(value.length).toBeGreaterThan(5)
    const leaks = files.filter((_file, index) => text[index]?.includes(value))
    expect(leaks).toEqual([])
  })

  // Shapes of real secrets (the bare prefixes appear in validation code, which is fine).
  it.each([
    ['a Clerk secret key', /sk_(live|test)_[A-Za-z0-9]{16,}/],
    ['a Supabase secret key', /sb_secret_[A-Za-z0-9_-]{16,}/],
    ['a private key', /-----BEGIN (RSA |EC )?PRIVATE KEY-----/],
  ])('holds nothing shaped like %s', (_label, pattern) => {
    const leaks = files.filter((_file, index) => pattern.test(text[index] ?? ''))
    expect(leaks).toEqual([])
  })
})
