// Scenario 8, in the serial projects: it stops the data API for the whole stack, so it runs with
// nothing beside it (playwright.config.ts), in each mode and app.
import type { Page } from '@playwright/test'
import { FRAMEWORKS } from '../support/apps.ts'
import {
  dataApi,
  expect,
  expectSaved,
  mainAlert,
  signIn,
  tasksLoaded,
  test,
  unique,
} from '../support/fixtures.ts'

const PAGES = ['/', '/ssr'] as const
const row = (page: Page, name: string) => page.locator('main .task-list li', { hasText: name })

for (const framework of FRAMEWORKS) {
  test.describe(framework, () => {
    test.use({ framework })

    test('8. with the data API down the pages say so, and recover without an app restart', async ({
      page,
      appUrl,
      stack,
      cast,
      allowDuring,
    }) => {
      await signIn(page, appUrl, cast.alice, '/ssr')
      const name = unique('Still here after the outage')
      await page.getByLabel('New task').fill(name)
      await page.getByRole('button', { name: 'Add' }).click()
      await expectSaved(page, name)
      await allowDuring('the data API down', async () => {
        await dataApi(stack, 'stop')
        try {
          for (const path of PAGES) {
            await page.goto(`${appUrl}${path}`)
            await expect(mainAlert(page)).toContainText('The database API is unreachable')
          }
        } finally {
          await dataApi(stack, 'start')
        }
      })
      // Recovered: each page shows the user's task again, and no error.
      for (const path of PAGES) {
        await page.goto(`${appUrl}${path}`)
        await tasksLoaded(page)
        await expect(row(page, name)).toBeVisible()
        await expect(mainAlert(page)).toHaveCount(0)
      }
    })
  })
}
