// After `next build`: nothing secret may be in what browsers download.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { localEmulatorAppEnv } from '@repo/clerk-emulator'
import { readTree, SECRET_SHAPES } from '@repo/dev-stack/testing'
import { DEFAULT_SERVICE_ROLE_KEY } from '@repo/local-supabase'
import { describe, expect, it } from 'vitest'

const staticDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.next/static')

describe('the client bundle (.next/static)', () => {
  const files = readTree(staticDir)
  const leaking = (found: (text: string) => boolean) =>
    files.filter(({ text }) => found(text)).map(({ file }) => file)

  it('exists (next build ran) and carries the public Clerk key', () => {
    expect(files.length).toBeGreaterThan(5)
    const { NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY = '?' } = localEmulatorAppEnv().next
    expect(leaking((text) => text.includes(NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY))).not.toEqual([])
  })

  it.each([
    ['the Clerk secret key', localEmulatorAppEnv().next.CLERK_SECRET_KEY ?? ''],
    ['the service-role key', DEFAULT_SERVICE_ROLE_KEY],
  ])('holds no %s', (_label, secret) => {
    expect(secret.length).toBeGreaterThan(5)
    expect(leaking((text) => text.includes(secret))).toEqual([])
  })

  it.each(SECRET_SHAPES)('holds nothing shaped like %s', (_label, pattern) => {
    expect(leaking((text) => pattern.test(text))).toEqual([])
  })
})
