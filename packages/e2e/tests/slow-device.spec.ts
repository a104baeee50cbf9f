// A slow device with a long list: the page takes longer to hydrate than clerk-js takes to load,
// the order a fast laptop rarely sees. Clerk's components must still appear, without a hydration
// error. The Remix and React Router SDKs lost this race ("Clerk's components wait for hydration"
// in docs/frameworks.md). Built apps only: that is what phones get, it caught both SDKs every
// time, and a dev server under throttling takes minutes.

import { createClient } from '@supabase/supabase-js'
import { FRAMEWORKS } from '../support/apps.ts'
import { expect, signIn, taskNames, test, unique } from '../support/fixtures.ts'

/** Chromium runs the page's JavaScript this many times slower, as on a low-end phone. */
const CPU_SLOWDOWN = 6
const LIST_LENGTH = 150

for (const framework of FRAMEWORKS) {
  test.describe(framework, () => {
    test.use({ framework })

    test('11. on a slow device with a long list, the sign-in form, avatar and switcher appear', async ({
      page,
      appUrl,
      stack,
      cast,
    }) => {
      const service = createClient(stack.supabaseUrl, stack.serviceRoleKey)
      const prefix = unique('Long list')
      const rows = Array.from({ length: LIST_LENGTH }, (_, index) => ({
        user_id: cast.bob.id,
        name: `${prefix} ${index}`,
      }))
      const inserted = await service.from('tasks').insert(rows)
      expect(inserted.error).toBeNull()
      try {
        await signIn(page, appUrl, cast.bob, '/ssr')
        // From here on the device is slow, and clerk-js is in the browser's cache, so it loads
        // sooner than hydration ends.
        const cdp = await page.context().newCDPSession(page)
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
        await page.reload()
        await expect(taskNames(page).filter({ hasText: prefix })).toHaveCount(LIST_LENGTH)
        await expect(page.locator('.cl-userButtonTrigger')).toBeVisible()
        await expect(page.locator('.cl-organizationSwitcherTrigger')).toBeVisible()
        // Signed out, the sign-in form.
        await page.context().clearCookies()
        await page.goto(`${appUrl}/sign-in`)
        await expect(page.locator('input[name=identifier]')).toBeVisible()
      } finally {
        const removed = await service.from('tasks').delete().like('name', `${prefix} %`)
        expect(removed.error).toBeNull()
      }
    })
  })
}
