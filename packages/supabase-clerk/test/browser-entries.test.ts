// The browser entries must not pull in Clerk's server SDKs (secret key handling, Node APIs) or
// anything that reads a service-role key.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src')

/** Every import specifier reachable from `entry` through relative imports. */
function importsOf(entry: string, seen = new Set<string>()): string[] {
  if (seen.has(entry)) return []
  seen.add(entry)
  const code = readFileSync(entry, 'utf8')
  const specifiers = [...code.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/g)].map(
    (match) => match[1] ?? '',
  )
  return specifiers.flatMap((specifier) =>
    specifier.startsWith('.')
      ? [specifier, ...importsOf(path.resolve(path.dirname(entry), specifier), seen)]
      : [specifier],
  )
}

describe.each(['next/client.ts', 'remix/client.ts', 'react-router/client.ts'])(
  'browser entry %s',
  (entry) => {
    const files = new Set<string>()
    const imports = importsOf(path.join(src, entry), files)

    it('imports no Clerk server SDK', () => {
      expect(
        imports.filter((s) =>
          /@clerk\/(backend|nextjs\/server|remix\/ssr|react-router\/server)/.test(s),
        ),
      ).toEqual([])
    })

    it('has nothing that reads a service-role key', () => {
      expect(files.size).toBeGreaterThan(2)
      for (const file of files) {
        expect(readFileSync(file, 'utf8'), file).not.toMatch(/process\.env\.\w*SERVICE_ROLE/)
      }
    })
  },
)
