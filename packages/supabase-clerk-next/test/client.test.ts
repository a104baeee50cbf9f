// The browser entry must not pull in Clerk's server SDKs (secret key handling, Node APIs) or
// anything that reads a service-role key.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { CLERK_SERVER_SDK, importsOf } from '@repo/supabase-clerk/testing'
import { describe, expect, it } from 'vitest'

describe('the browser entry (src/client.ts)', () => {
  const files = new Set<string>()
  const imports = importsOf(path.join(import.meta.dirname, '../src/client.ts'), files)

  it('imports no Clerk server SDK', () => {
    expect(imports.filter((specifier) => CLERK_SERVER_SDK.test(specifier))).toEqual([])
  })

  it('has nothing that reads a service-role key', () => {
    for (const file of files) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/process\.env\.\w*SERVICE_ROLE/)
    }
  })
})
