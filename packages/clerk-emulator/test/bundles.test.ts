// clerk-js as the emulator serves it to the browser: from the installed packages, revalidated on
// each load, so a page's next navigation reuses what the browser already has and parsed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './support/harness.ts'

let harness: Harness

beforeAll(async () => {
  harness = await startHarness()
})
afterAll(async () => {
  await harness?.stop()
})

describe('a clerk-js bundle', () => {
  for (const file of ['/js/clerk-6/clerk.browser.js', '/js/clerk-5/clerk.browser.js']) {
    it(`${file}: a second load with its ETag is a 304 with no body; another ETag gets the file`, async () => {
      const first = await fetch(`${harness.url}${file}`)
      const body = await first.text()
      expect(first.status).toBe(200)
      expect(first.headers.get('content-type')).toBe('text/javascript')
      expect(first.headers.get('cache-control')).toBe('no-cache')
      expect(body.length).toBeGreaterThan(100_000)
      const etag = first.headers.get('etag')
      expect(etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/)

      const again = await fetch(`${harness.url}${file}`, {
        headers: { 'if-none-match': etag ?? '' },
      })
      expect(again.status).toBe(304)
      expect(await again.text()).toBe('')
      expect(again.headers.get('etag')).toBe(etag)

      const stale = await fetch(`${harness.url}${file}`, {
        headers: { 'if-none-match': '"an-older-install"' },
      })
      expect(stale.status).toBe(200)
      expect(await stale.text()).toBe(body)
    })
  }

  it('has an ETag of its own: the two majors differ', async () => {
    const etags = await Promise.all(
      ['/js/clerk-6/clerk.browser.js', '/js/clerk-5/clerk.browser.js'].map(async (file) =>
        (await fetch(`${harness.url}${file}`)).headers.get('etag'),
      ),
    )
    expect(new Set(etags).size).toBe(2)
  })
})
