// What the framework bindings' browser entries import from here (the session hook, the client)
// must not pull in Clerk's server SDKs or anything that reads a service-role key. Each binding
// checks its own entry the same way.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLERK_SERVER_SDK, importsOf } from '../src/testing.ts'

describe('the session hook (@repo/supabase-clerk/react) and what it imports', () => {
  const files = new Set<string>()
  const imports = importsOf(path.join(import.meta.dirname, '../src/use-session-client.ts'), files)

  it('imports no Clerk server SDK', () => {
    expect(imports.filter((specifier) => CLERK_SERVER_SDK.test(specifier))).toEqual([])
  })

  it('has nothing that reads a service-role key', () => {
    expect(files.size).toBeGreaterThan(2)
    for (const file of files) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/process\.env\.\w*SERVICE_ROLE/)
    }
  })
})
