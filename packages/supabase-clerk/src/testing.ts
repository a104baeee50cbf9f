// For the tests of this package and of each framework's binding (@repo/supabase-clerk-<framework>):
// a stand-in for the data API at the fetch boundary, and the checks every binding must pass.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ClerkSupabaseClient } from './client.ts'

/** A fetch that answers like PostgREST with an empty list and records what it was sent. */
export function recordingFetch() {
  const requests: {
    url: string
    method: string
    authorization: string | null
    apikey: string | null
  }[] = []
  const fetchStub: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers)
    requests.push({
      url: String(input),
      method: init?.method ?? 'GET',
      authorization: headers.get('authorization'),
      apikey: headers.get('apikey'),
    })
    return new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } })
  }
  return { fetch: fetchStub, requests }
}

export const ENV = { supabaseUrl: 'http://127.0.0.1:54321', supabaseKey: 'sb_publishable_test' }

/**
 * 50 requests at once, alternating users, each making its client, pausing, then querying: every
 * request the data API sees must carry that request's own token. `run` makes the client the way
 * the binding's server factory does for one request with `token`.
 */
export async function expectOwnTokens(
  recorder: ReturnType<typeof recordingFetch>,
  run: (token: string, query: (client: ClerkSupabaseClient) => Promise<void>) => Promise<void>,
) {
  const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 10))
  recorder.requests.length = 0
  const tokens = Array.from({ length: 50 }, (_, i) => `token-${i % 2 ? 'bob' : 'alice'}-${i}`)
  await Promise.all(
    tokens.map((token) =>
      run(token, async (client) => {
        await pause()
        await client.from('tasks').select('id').eq('name', token)
      }),
    ),
  )
  expect(recorder.requests).toHaveLength(50)
  for (const request of recorder.requests) {
    const token = decodeURIComponent(new URL(request.url).searchParams.get('name') ?? '').slice(3)
    expect(request.authorization).toBe(`Bearer ${token}`)
  }
}

/**
 * Every import specifier reachable from `entry` through relative imports, and the files read: a
 * browser entry must reach no Clerk server SDK and nothing that reads a service-role key.
 */
export function importsOf(entry: string, seen = new Set<string>()): string[] {
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

/** Clerk's server SDKs, as a browser entry must never import them. */
export const CLERK_SERVER_SDK = /@clerk\/(backend|nextjs\/server|remix\/ssr|react-router\/server)/

/**
 * The checks a browser entry must pass: through its relative imports, no Clerk server SDK and
 * nothing that reads a service-role key.
 *
 * @param minFiles how many files the walk must reach, so a broken walk cannot pass
 */
export function defineBrowserEntrySuite(entry: string, minFiles = 1): void {
  describe(`the browser entry ${path.basename(entry)} and what it imports`, () => {
    const files = new Set<string>()
    const imports = importsOf(entry, files)

    it('imports no Clerk server SDK', () => {
      expect(imports.filter((specifier) => CLERK_SERVER_SDK.test(specifier))).toEqual([])
    })

    it('has nothing that reads a service-role key', () => {
      expect(files.size).toBeGreaterThanOrEqual(minFiles)
      for (const file of files) {
        expect(readFileSync(file, 'utf8'), file).not.toMatch(/process\.env\.\w*SERVICE_ROLE/)
      }
    })
  })
}
