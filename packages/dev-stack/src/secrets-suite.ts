// Nothing secret in what browsers get from an app: the build's client output (what they
// download), and what the running server sends them (the state it serializes into each page and
// the data requests a client-side navigation makes), signed out and signed in.

import { signInOverHttp } from '@repo/clerk-emulator/testing'
import { type AppName, seededUsers } from '@repo/local-stack'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { documentHeaders, readTree } from './testing.ts'
import {
  type AppOnThrowawayStack,
  type RunSecrets,
  startAppOnThrowawayStack,
  type ThrowawayStackOptions,
} from './throwaway-stack.ts'

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
 * @param buildEnv for a build that reads env (Next inlines NEXT_PUBLIC_*): a public value it
 *   inlines, proving the scan sees such values, and the secrets it ran beside, each of which
 *   would be inlined the same way if a client module read it. A build that reads no env can
 *   hold none of them: only the shapes of secrets are looked for there.
 */
export function defineClientBundleSecretsSuite(
  clientDir: string,
  builtMarker: RegExp,
  buildEnv?: { inlinedPublicValue: string; secrets: [label: string, value: string][] },
): void {
  describe(`the client bundle (${clientDir.split('/').slice(-2).join('/')})`, () => {
    const files = readTree(clientDir)
    const leaking = (found: (text: string) => boolean) =>
      files.filter(({ text }) => found(text)).map(({ file }) => file)

    it('exists: the build ran', () => {
      expect(files.some(({ file }) => builtMarker.test(file))).toBe(true)
      if (buildEnv) {
        expect(leaking((text) => text.includes(buildEnv.inlinedPublicValue))).not.toEqual([])
      }
    })

    if (buildEnv) {
      it.each(buildEnv.secrets)('holds no %s', (_label, secret) => {
        expect(secret.length).toBeGreaterThan(5)
        expect(leaking((text) => text.includes(secret))).toEqual([])
      })
    }

    it.each(SECRET_SHAPES)('holds nothing shaped like %s', (_label, pattern) => {
      expect(leaking((text) => pattern.test(text))).toEqual([])
    })
  })
}

interface ServedState {
  /** What marks the state the server serializes into the page's HTML. */
  inPage: RegExp
  /** The request a client-side navigation to `page` makes for its data. */
  dataRequest(page: string): { path: string; headers: Record<string, string> }
  dataType: RegExp
}

/** The URL each framework's client fetches a page's loader data from (its `singleFetchUrl`). */
const remixSingleFetch = (page: string) => ({
  path: page === '/' ? '/_root.data' : `${page.replace(/\/$/, '')}.data`,
  headers: {},
})
const reactRouterSingleFetch = (page: string) => ({
  path: page.endsWith('/') ? `${page}_.data` : `${page}.data`,
  headers: {},
})

const SERVED_STATE: Record<AppName, ServedState> = {
  // The RSC payload: inline as self.__next_f.push(...) in the HTML, and what a client-side
  // navigation fetches with `RSC: 1`.
  next: {
    inPage: /self\.__next_f\.push/,
    dataRequest: (page) => ({ path: page, headers: { rsc: '1' } }),
    dataType: /^text\/x-component/,
  },
  // The loaders' data (rootAuthLoader's Clerk state included), streamed into the HTML for
  // hydration, and turbo-stream from `.data` requests.
  remix: {
    inPage: /window\.__remixContext/,
    dataRequest: remixSingleFetch,
    dataType: /^text\/x-script/,
  },
  'react-router': {
    inPage: /__reactRouterContext/,
    dataRequest: reactRouterSingleFetch,
    dataType: /^text\/x-script/,
  },
}

/** Which of this run's secrets, or anything shaped like a secret, `text` holds. */
function leaksIn(text: string, secrets: RunSecrets): string[] {
  return [
    ...Object.entries(secrets)
      .filter(([, value]) => text.includes(value))
      .map(([name]) => `this run's ${name}`),
    ...SECRET_SHAPES.filter(([, pattern]) => pattern.test(text)).map(([what]) => what),
  ]
}

/**
 * The built app through `start`, on a stack of its own with secrets made for this run (the Clerk
 * secret key, the webhook signing secret, the Supabase secret key): none of them, and nothing
 * shaped like a secret, in a page or a data response, signed out or signed in as alice.
 */
export function defineServedSecretsSuite(app: AppName, options: ThrowawayStackOptions): void {
  const { alice } = seededUsers()
  const served = SERVED_STATE[app]
  let running: AppOnThrowawayStack

  beforeAll(async () => {
    running = await startAppOnThrowawayStack(options)
  })
  afterAll(async () => {
    await running?.stop()
  })

  describe(`apps/${app}, built: what the server sends browsers`, () => {
    it.each([
      ['signed out', '/sign-in'],
      ['signed in', '/'],
      ['signed in', '/ssr'],
    ])('%s, %s and its data request hold no secret', async (state, page) => {
      const cookie =
        state === 'signed in'
          ? await (
              await signInOverHttp(running.clerk.url, alice.email, alice.password, running.app.url)
            ).appCookieHeader()
          : undefined
      const document = await fetch(`${running.app.url}${page}`, {
        headers: documentHeaders(cookie),
        redirect: 'manual',
      })
      const html = await document.text()
      expect(document.status, html.slice(0, 500)).toBe(200)
      expect(html).toMatch(served.inPage)

      const request = served.dataRequest(page)
      // Followed: Next sends an RSC request without its cache-busting `_rsc` parameter to the
      // same path with one. A redirect elsewhere (to /sign-in) fails the path check.
      const data = await fetch(`${running.app.url}${request.path}`, {
        headers: { ...request.headers, ...(cookie ? { cookie } : {}) },
      })
      const payload = await data.text()
      expect(data.status, payload.slice(0, 500)).toBe(200)
      expect(new URL(data.url).pathname).toBe(request.path)
      expect(data.headers.get('content-type')).toMatch(served.dataType)

      // Clerk's serialized props are there, what a leaking loader or component would sit beside.
      // (A 200 for / and /ssr, not followed, is alice's page: they redirect a signed-out visit.)
      const publishableKey = running.clerk.emulator.instance.publishableKey
      for (const [where, body] of [
        ['the page', html],
        ['the data response', payload],
      ] as const) {
        expect(body, where).toContain(publishableKey)
        expect(leaksIn(body, running.secrets), where).toEqual([])
      }
    })
  })
}
