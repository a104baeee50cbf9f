// After `remix vite:build`: nothing secret may be in what browsers download (build/client).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { localEmulatorAppEnv } from '@repo/clerk-emulator'
import { readTree, SECRET_SHAPES } from '@repo/dev-stack/testing'
import { DEFAULT_SERVICE_ROLE_KEY } from '@repo/local-supabase'
import { describe, expect, it } from 'vitest'

const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../build/client')

describe('the client build (build/client)', () => {
  const files = readTree(clientDir)
  const leaking = (found: (text: string) => boolean) =>
    files.filter(({ text }) => found(text)).map(({ file }) => file)

  it('exists (remix vite:build ran) and holds the app’s routes', () => {
    expect(files.some(({ file }) => /assets\/ssr-.*\.js$/.test(file))).toBe(true)
  })

  it.each([
    ['the Clerk secret key', localEmulatorAppEnv().remix.CLERK_SECRET_KEY ?? ''],
    ['the service-role key', DEFAULT_SERVICE_ROLE_KEY],
  ])('holds no %s', (_label, secret) => {
    expect(secret.length).toBeGreaterThan(5)
    expect(leaking((text) => text.includes(secret))).toEqual([])
  })

  it.each(SECRET_SHAPES)('holds nothing shaped like %s', (_label, pattern) => {
    expect(leaking((text) => pattern.test(text))).toEqual([])
  })
})
