// Clerk Organizations in every app and both modes: <OrganizationSwitcher/> in the header picks
// whose tasks the page shows, and Postgres (RLS on the token's `o` claim) decides who may do
// what with them. Acme: alice admin, bob member. Globex: carol admin (each worker's own cast,
// support/users.ts).

import type { Page } from '@playwright/test'
import { FRAMEWORKS } from '../support/apps.ts'
import {
  expect,
  expectSaved,
  mainAlert,
  type Person,
  signIn,
  storedCount,
  tasksLoaded,
  test,
  unique,
} from '../support/fixtures.ts'

const REFUSED = "Only an organization admin can delete other members' tasks."

const row = (page: Page, name: string) => page.locator('main .task-list li', { hasText: name })
/** The heading names the organization (its name, once clerk-js has loaded), or none. */
const heading = (page: Page, organization: string | null) =>
  page.getByRole('heading', {
    name: organization ? `Tasks in ${organization}` : 'Tasks',
    exact: true,
  })

async function addTask(page: Page, name: string) {
  await page.getByLabel('New task').fill(name)
  await page.getByRole('button', { name: 'Add' }).click()
  await expectSaved(page, name)
}

/** Picks an organization (or "Personal account") in the header's switcher. */
async function switchTo(page: Page, option: 'Acme' | 'Globex' | 'Personal account') {
  await page.locator('.cl-organizationSwitcherTrigger').click()
  const choice = page
    .locator('.cl-organizationSwitcherPopoverCard')
    .getByText(option === 'Personal account' ? /personal account/i : option, { exact: true })
  await choice.first().click()
  await expect(heading(page, option === 'Personal account' ? null : option)).toBeVisible()
  await tasksLoaded(page)
}

/** A user signed in on `path` in a browser context of their own (watched like `page`). */
async function openAs(
  newPage: () => Promise<Page>,
  appUrl: string,
  user: Person,
  path: '/' | '/ssr',
) {
  const page = await newPage()
  await signIn(page, appUrl, user, path)
  return page
}

for (const framework of FRAMEWORKS) {
  test.describe(framework, () => {
    test.use({ framework })

    test('9. Acme shares tasks: bob sees, adds and toggles but may not delete alice’s, carol never sees them', async ({
      page,
      appUrl,
      newPage,
      stack,
      cast,
    }) => {
      const personal = unique('alice personal')
      const shared = unique('acme shared')
      // alice, on the server-rendered page: a personal task, then Acme's.
      await signIn(page, appUrl, cast.alice, '/ssr')
      await addTask(page, personal)
      await switchTo(page, 'Acme')
      await expect(row(page, personal)).toHaveCount(0)
      await addTask(page, shared)

      // bob, on the client page: Acme's task is there once he switches to Acme. He adds two.
      const bobs = unique('bob acme')
      const bobsKept = unique('bob acme kept')
      const bob = await openAs(newPage, appUrl, cast.bob, '/')
      await expect(heading(bob, null)).toBeVisible()
      await tasksLoaded(bob)
      await expect(row(bob, shared)).toHaveCount(0)
      await switchTo(bob, 'Acme')
      await expect(row(bob, shared)).toBeVisible()
      await addTask(bob, bobs)
      await addTask(bob, bobsKept)
      await row(bob, shared).getByLabel('Done').check()
      await expect(row(bob, shared)).toHaveClass(/done/)
      await row(bob, shared).getByRole('button', { name: 'Delete' }).click()
      await expect(row(bob, shared).getByRole('alert')).toHaveText(REFUSED)
      expect(await storedCount(stack, shared)).toBe(1)
      // The server-rendered page says the same, beside the row, and keeps it.
      await bob.goto(`${appUrl}/ssr`)
      await expect(row(bob, shared).getByLabel('Done')).toBeChecked()
      await row(bob, shared).getByRole('button', { name: 'Delete' }).click()
      await expect(row(bob, shared).getByRole('alert')).toHaveText(REFUSED)
      expect(await storedCount(stack, shared)).toBe(1)
      await bob.context().close()

      // carol is in Globex, not Acme: neither of her views holds the task.
      const carol = await openAs(newPage, appUrl, cast.carol, '/ssr')
      await tasksLoaded(carol)
      await expect(row(carol, shared)).toHaveCount(0)
      await switchTo(carol, 'Globex')
      await expect(row(carol, shared)).toHaveCount(0)
      await expect(row(carol, bobs)).toHaveCount(0)
      await expect(row(carol, personal)).toHaveCount(0)
      await carol.context().close()

      // alice, the admin, sees bob's tick and his tasks, by his name (from the profiles mirror,
      // which Clerk's webhooks keep), and may delete hers and his.
      await page.reload()
      await expect(row(page, shared).getByLabel('Done')).toBeChecked()
      await expect(row(page, bobs)).toContainText('added by Bob Example')
      await expect(row(page, shared)).toContainText('added by Alice Example')
      await row(page, shared).getByRole('button', { name: 'Delete' }).click()
      await expect(row(page, shared)).toHaveCount(0)
      // The row goes as the click is made (an optimistic update); the delete lands just after.
      await expect.poll(() => storedCount(stack, shared)).toBe(0)
      await row(page, bobs).getByRole('button', { name: 'Delete' }).click()
      await expect(row(page, bobs)).toHaveCount(0)
      await expect.poll(() => storedCount(stack, bobs)).toBe(0)
      await page.reload()
      await expect(row(page, bobsKept)).toBeVisible()
      await expect(row(page, bobs)).toHaveCount(0)
      await expect(mainAlert(page)).toHaveCount(0)

      // Back in her personal account: her personal task, and nothing of Acme's.
      await switchTo(page, 'Personal account')
      await expect(row(page, personal)).toBeVisible()
      await expect(row(page, bobsKept)).toHaveCount(0)
      await page.goto(`${appUrl}/`)
      await expect(heading(page, null)).toBeVisible()
      await expect(row(page, personal)).toBeVisible()
      await expect(row(page, bobsKept)).toHaveCount(0)
    })

    test('10. an organization created from the switcher becomes the active one, with no tasks yet', async ({
      page,
      appUrl,
      cast,
    }) => {
      const name = unique('Initech')
      await signIn(page, appUrl, cast.carol, '/')
      await page.locator('.cl-organizationSwitcherTrigger').click()
      await page
        .getByText(/create organization/i)
        .first()
        .click()
      const form = page.getByRole('dialog')
      await form.getByRole('textbox', { name: 'Name' }).fill(name)
      await form.getByRole('button', { name: 'Create organization' }).click()
      await expect(heading(page, name)).toBeVisible()
      await tasksLoaded(page)
      await expect(page.getByText('No tasks yet')).toBeVisible()
      await expect(page.locator('main .task-list li')).toHaveCount(0)
      const task = unique('initech first')
      await addTask(page, task)
      await page.goto(`${appUrl}/ssr`)
      await expect(row(page, task)).toBeVisible()
    })
  })
}
