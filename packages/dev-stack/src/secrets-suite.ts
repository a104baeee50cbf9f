// The check both apps run after their build: nothing secret in what browsers download.
import { localEmulatorAppEnv } from '@repo/clerk-emulator'
import { localStackSecrets } from '@repo/local-supabase'
import { describe, expect, it } from 'vitest'
import { readTree } from './testing.ts'

/** Shapes of real secrets (bare prefixes appear harmlessly in validation code). */
const SECRET_SHAPES: [string, RegExp][] = [
  ['a Clerk secret key', /sk_(live|test)_[A-Za-z0-9]{16,}/],
  ['a Supabase secret key', /sb_secret_[A-Za-z0-9_-]{16,}/],
  ['a private key', /-----BEGIN (RSA |EC )?PRIVATE KEY-----/],
  ['a webhook signing secret', /whsec_[A-Za-z0-9+/=]{16,}/],
]

/**
 * @param clientDir the build's browser output (.next/static, build/client)
 * @param builtMarker a file name pattern proving the build ran
 * @param inlinedPublicValue a public value the build inlines, proving the scan sees such values
 */
export function defineClientBundleSecretsSuite(
  clientDir: string,
  builtMarker: RegExp,
  inlinedPublicValue?: string,
): void {
  describe(`the client bundle (${clientDir.split('/').slice(-2).join('/')})`, () => {
    const files = readTree(clientDir)
    const leaking = (found: (text: string) => boolean) =>
      files.filter(({ text }) => found(text)).map(({ file }) => file)

    it('exists: the build ran', () => {
      expect(files.some(({ file }) => builtMarker.test(file))).toBe(true)
      if (inlinedPublicValue) {
        expect(leaking((text) => text.includes(inlinedPublicValue))).not.toEqual([])
      }
    })

    it.each([
      ['the Clerk secret key', localEmulatorAppEnv().next.CLERK_SECRET_KEY ?? ''],
      ['the service-role key', localStackSecrets().serviceRoleKey],
      ['the webhook signing secret', localEmulatorAppEnv().next.CLERK_WEBHOOK_SIGNING_SECRET ?? ''],
    ])('holds no %s', (_label, secret) => {
      expect(secret.length).toBeGreaterThan(5)
      expect(leaking((text) => text.includes(secret))).toEqual([])
    })

    it.each(SECRET_SHAPES)('holds nothing shaped like %s', (_label, pattern) => {
      expect(leaking((text) => pattern.test(text))).toEqual([])
    })
  })
}
