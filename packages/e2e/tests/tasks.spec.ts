// The kit's promise, in a real browser, against each app, in each way users run it (a Playwright
// project per mode: production builds, and the dev servers `pnpm dev` starts): Clerk's prebuilt
// UI signs people in, and Supabase RLS keeps their tasks apart. Each worker signs in its own
// cast (support/users.ts), so scenarios run side by side; the outage scenario, which takes the
// data API down for everyone, is in outage.spec.ts.

import path from 'node:path'
import type { Page } from '@playwright/test'
import { WEBHOOK_PATH } from '@repo/clerk-emulator'
import { createClient } from '@supabase/supabase-js'
import { FRAMEWORKS, type Mode, repoRoot } from '../support/apps.ts'
import { writeDocsScreenshots } from '../support/env.ts'
import {
  expect,
  expectSaved,
  mainAlert,
  signIn,
  signOut,
  storedCount,
  storedProfile,
  taskNames,
  tasksLoaded,
  test,
  unique,
} from '../support/fixtures.ts'
import { settledDeliveries } from '../support/webhooks.ts'

const PAGES = ['/', '/ssr'] as const

async function addTask(page: Page, name: string) {
  await page.getByLabel('New task').fill(name)
  await page.getByRole('button', { name: 'Add' }).click()
}

/**
 * A screenshot for the README, from the dev run only (what a user sees after `pnpm dev`). Written
 * to docs/ when E2E_DOCS_SCREENSHOTS=1, else beside the test's other output.
 */
async function docsScreenshot(page: Page, mode: Mode, file: string) {
  if (mode !== 'dev') return
  const target = writeDocsScreenshots
    ? path.join(repoRoot, 'docs', file)
    : test.info().outputPath(file)
  await page.screenshot({ path: target })
}

const row = (page: Page, name: string) => page.locator('main .task-list li', { hasText: name })

for (const framework of FRAMEWORKS) {
  test.describe(framework, () => {
    test.use({ framework })

    test('1. a signed-out visit to / and /ssr lands on /sign-in', async ({ page, appUrl }) => {
      for (const path of PAGES) {
        await page.goto(`${appUrl}${path}`)
        await expect(page).toHaveURL(
          new RegExp(`/sign-in\\?redirect_url=${encodeURIComponent(`${appUrl}${path}`)}`),
        )
        await expect(page.locator('input[name=identifier]')).toBeVisible()
      }
    })

    test('2. a wrong password shows Clerk’s error and stays signed out', async ({
      page,
      appUrl,
      cast,
      allowDuring,
    }) => {
      await page.goto(`${appUrl}/ssr`)
      await allowDuring('a wrong password', async () => {
        await page.locator('input[name=identifier]').fill(cast.alice.email)
        await page.locator('input[name=password]').fill('not-alices-password')
        await page.locator('.cl-formButtonPrimary').click()
        // clerk-js treats a wrong first-screen password as a password manager's guess: it asks
        // again.
        await page.getByText('Enter your password').waitFor()
        await page.locator('input[name=password]').fill('not-alices-password')
        await page.locator('.cl-formButtonPrimary').click()
        await expect(page.locator('#error-password')).toContainText('Password is incorrect')
      })
      await page.goto(`${appUrl}/ssr`)
      await expect(page).toHaveURL(/\/sign-in/)
    })

    for (const path of PAGES) {
      test(`3. alice adds, completes and deletes tasks on ${path}, and a reload agrees`, async ({
        page,
        appUrl,
        stack,
        cast,
      }) => {
        await signIn(page, appUrl, cast.alice, path)
        const name = unique('Water the plants')
        await addTask(page, name)
        await expectSaved(page, name)
        await expect(page.getByLabel('New task')).toHaveValue('')

        await row(page, name).getByLabel('Done').check()
        await expect(row(page, name)).toHaveClass(/done/)
        const service = createClient(stack.supabaseUrl, stack.serviceRoleKey)
        await expect
          .poll(async () => (await service.from('tasks').select('done').eq('name', name)).data)
          .toEqual([{ done: true }])
        await page.reload()
        await expect(row(page, name).getByLabel('Done')).toBeChecked()

        await row(page, name).getByRole('button', { name: 'Delete' }).click()
        await expect(row(page, name)).toHaveCount(0)
        await expect.poll(() => storedCount(stack, name)).toBe(0)
        await page.reload()
        await tasksLoaded(page)
        await expect(row(page, name)).toHaveCount(0)
      })
    }

    test('4. bob never sees alice’s tasks, and alice never sees bob’s', async ({
      page,
      appUrl,
      cast,
    }) => {
      await signIn(page, appUrl, cast.alice, '/ssr')
      const alices = unique('Alice’s secret')
      await addTask(page, alices)
      await expectSaved(page, alices)
      await signOut(page)

      await signIn(page, appUrl, cast.bob, '/ssr')
      await tasksLoaded(page)
      await expect(row(page, alices)).toHaveCount(0)
      const bobs = unique('Bob’s own')
      await addTask(page, bobs)
      await expectSaved(page, bobs)
      await page.goto(`${appUrl}/`)
      await expect(row(page, bobs)).toBeVisible()
      await expect(row(page, alices)).toHaveCount(0)
      await signOut(page)

      await signIn(page, appUrl, cast.alice, '/')
      await expect(row(page, alices)).toBeVisible()
      await expect(row(page, bobs)).toHaveCount(0)
    })

    for (const path of PAGES) {
      test(`5. bad input on ${path} shows the message and stores nothing`, async ({
        page,
        appUrl,
        framework,
        stack,
        cast,
      }) => {
        await signIn(page, appUrl, cast.alice, path)
        const tooLong = 'x'.repeat(501)
        const cases = [
          ['', 'Enter a name for the task.'],
          ['     ', 'Enter a name for the task.'],
          [tooLong, 'A task name can be at most 500 characters; this one has 501.'],
        ] as const
        for (const [input, message] of cases) {
          // Each case on a fresh page, so no earlier case's message can stand in for its own.
          await page.goto(`${appUrl}${path}`)
          await tasksLoaded(page)
          await expect(mainAlert(page)).toHaveCount(0)
          await addTask(page, input)
          await expect(mainAlert(page)).toContainText(message)
          // nothing lost from the input
          await expect(page.getByLabel('New task')).toHaveValue(input)
        }
        if (path === '/ssr') {
          // A slow server (a dev server compiling, a far region) keeps a refused name pending for
          // a while; a user who starts typing the next one meanwhile must not lose it.
          await page.goto(`${appUrl}${path}`)
          let release = () => {}
          const held = new Promise<void>((resolve) => {
            release = resolve
          })
          await page.route(
            (url) => url.origin === new URL(appUrl).origin && url.pathname.startsWith(path),
            async (route) => {
              if (route.request().method() === 'POST') await held
              await route.fallback()
            },
          )
          const input = page.getByLabel('New task')
          await addTask(page, '     ')
          if (framework === 'next') {
            // Next's useActionState form would reset the field when the action answers, so it
            // makes the field read-only while pending rather than let typing be thrown away.
            await expect(input).not.toBeEditable()
            release()
            await expect(mainAlert(page)).toContainText('Enter a name for the task.')
            await expect(input).toHaveValue('     ')
            await expect(input).toBeEditable()
          } else {
            await input.fill(tooLong)
            release()
            await expect(mainAlert(page)).toContainText('Enter a name for the task.')
            await expect(input).toHaveValue(tooLong)
          }
          await page.unrouteAll({ behavior: 'wait' })
        }
        expect(await storedCount(stack, tooLong)).toBe(0)
        expect(await storedCount(stack, '')).toBe(0)
        expect(await storedCount(stack, '     ')).toBe(0)
      })
    }

    // The README's first five minutes: sign in as alice in each app, add a task in one, see it in
    // the others. The dev run is exactly what a user does after `pnpm dev`, so it also redraws the
    // README's screenshots (`pnpm --filter @repo/e2e docs:screenshots`).
    test('6. README quickstart: a task added in this app appears in the other frameworks’ apps', async ({
      page,
      appUrl,
      otherApps,
      framework,
      mode,
      cast,
    }) => {
      const shot = async (file: string) => {
        // As a user sees it: Clerk's UI has loaded (the sign-in form, or the user's avatar).
        await expect(page.locator('.cl-userButtonTrigger, input[name=identifier]')).toBeVisible()
        await docsScreenshot(page, mode, file)
      }
      await page.goto(`${appUrl}/ssr`)
      await expect(page.locator('input[name=identifier]')).toBeVisible()
      await shot(`${framework}-sign-in.png`)
      await signIn(page, appUrl, cast.alice, '/ssr')
      const name = unique('Seen in both frameworks')
      await addTask(page, name)
      await expectSaved(page, name)
      await shot(`${framework}-ssr-alice.png`)
      // Same hostname, so the Clerk session cookies carry over to the other apps.
      for (const other of otherApps) {
        await page.goto(`${other.url}/ssr`)
        await expect(page.getByRole('heading', { name: 'Tasks' })).toBeVisible()
        await expect(row(page, name)).toBeVisible()
        await shot(`${other.framework}-ssr-from-${framework}.png`)
        await page.goto(`${other.url}/`)
        await expect(row(page, name)).toBeVisible()
      }
    })

    test('7. a new user signs up with the emailed code, starts empty, and adds a task', async ({
      page,
      appUrl,
      stack,
    }) => {
      const email = `${unique('new').replace(/\W+/g, '-')}@example.com`
      await page.goto(`${appUrl}/sign-up`)
      await page.locator('input[name=emailAddress]').fill(email)
      await page.locator('input[name=password]').fill('a-brand-new-password')
      // <SignUp/> shows the password's verdict after two debounces and grows it in, pushing
      // Continue down: a click during that shift can press the button and release on the text,
      // submitting nothing (the emulator's browser tests reproduce it). Click once it is shown.
      await expect(page.locator('.cl-formFieldSuccessText__password')).toContainText(
        'meets all the necessary requirements',
      )
      await page.locator('.cl-formButtonPrimary').click()
      await page.getByText(/verify your email/i).waitFor()
      await page.keyboard.type(stack.verificationCode)
      await expect(page).toHaveURL(new RegExp(`^${appUrl}/?$`))
      // Clerk's user.created webhook reaches this app's route, which mirrors the new user,
      // named after the email (no name was given).
      expect(
        await settledDeliveries(stack, `${appUrl}${WEBHOOK_PATH}`, email, ['user.created']),
      ).toEqual([['user.created', 'delivered', 200]])
      expect(await storedProfile(stack, email)).toEqual({
        email,
        display_name: email.split('@')[0],
      })
      await tasksLoaded(page)
      await expect(page.getByText('No tasks yet')).toBeVisible()
      const name = unique('First task')
      await addTask(page, name)
      await expectSaved(page, name)
      await page.goto(`${appUrl}/ssr`)
      await expect(taskNames(page)).toHaveText([name])
    })
  })
}
