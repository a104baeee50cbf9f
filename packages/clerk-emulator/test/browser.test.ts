// The unmodified clerk-js bundles, in a real Chromium, signing in and up and switching
// organizations through Clerk's prebuilt components served by the emulator: clerk-js 6 + @clerk/ui (what @clerk/nextjs 7
// loads) and clerk-js 5 (what @clerk/remix 4 loads).
import { seededOrganizations } from '@repo/local-stack'
import { decodeJwt } from 'jose'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './support/chromium.ts'
import { ALICE, type Harness, startHarness, startTestApp, type TestApp } from './support/harness.ts'

declare global {
  interface Window {
    // biome-ignore lint/suspicious/noExplicitAny: clerk-js's global, typed by neither bundle
    Clerk: any
    __loaded?: boolean
    __loadError?: string
    __submits?: number
  }
}

let browser: Browser

// Waits are generous: on a 2-core CI machine Chromium shares the CPU with every other suite.

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

/**
 * Clicks as a person does: once the target has stayed put for half a second, pressed and
 * released 300 ms apart (as a starved renderer also sees Playwright's down and up). Chromium
 * sends `click` to what both ends share, so a button that moves between them is never clicked
 * and nothing says so; here that fails at once, on any machine, instead of leaving the test to
 * wait for a step that was never asked for.
 */
async function clickWhenStill(page: Page, selector: string) {
  const target = page.locator(selector)
  await target.waitFor({ timeout: 60_000 })
  await target.scrollIntoViewIfNeeded()
  const box = async () => {
    const found = await target.boundingBox()
    if (!found) throw new Error(`${selector} is not on the page`)
    return found
  }
  let at = await box()
  await expect
    .poll(
      async () => {
        const before = at
        await page.waitForTimeout(500)
        at = await box()
        return at.y === before.y && at.x === before.x
      },
      { timeout: 60_000, message: `${selector} never stopped moving` },
    )
    .toBe(true)
  await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2)
  await page.mouse.down()
  await page.waitForTimeout(300)
  // Checked before the release: once released, a click rightly changes the form.
  expect(await box(), `${selector} moved while pressed, so it would not be clicked`).toEqual(at)
  await page.mouse.up()
}

describe.each([6, 5] as const)('clerk-js %i with the prebuilt components', (version) => {
  let harness: Harness
  let app: TestApp
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    harness = await startHarness()
    app = await startTestApp(harness.emulator, version)
    context = await browser.newContext()
    page = await context.newPage()
  })
  afterAll(async () => {
    await context?.close()
    await app?.stop()
    await harness?.stop()
  })
  afterEach(() => {
    expect(
      harness.emulator.unhandledRequests,
      'clerk-js asked for endpoints the emulator does not serve',
    ).toEqual([])
  })

  async function load() {
    await page.goto(app.origin)
    await page.waitForFunction(() => window.__loaded || window.__loadError, null, {
      timeout: 60_000,
    })
    expect(await page.evaluate(() => window.__loadError ?? null)).toBeNull()
  }

  const signedInUserId = () =>
    page.evaluate(() => (window.Clerk.isSignedIn ? (window.Clerk.user?.id as string) : null))

  async function submitSignIn(email: string, password: string) {
    await page.evaluate(() => window.Clerk.mountSignIn(document.getElementById('mount')))
    await page.locator('input[name=identifier]').fill(email)
    const passwordField = page.locator('input[name=password]')
    // Depending on the instance settings the password is on the first screen or the second.
    if (!(await passwordField.isVisible())) {
      await clickWhenStill(page, '.cl-formButtonPrimary')
      await passwordField.waitFor({ state: 'visible' })
    }
    await passwordField.fill(password)
    await clickWhenStill(page, '.cl-formButtonPrimary')
  }

  it('signs alice in through <SignIn/>', async () => {
    await load()
    expect(await signedInUserId()).toBeNull()
    await submitSignIn(ALICE.email, ALICE.password)
    await page.waitForFunction(() => window.Clerk?.isSignedIn === true, null, { timeout: 60_000 })
    expect(await signedInUserId()).toBe(ALICE.id)
  })

  it('keeps the session across a reload', async () => {
    await load()
    expect(await signedInUserId()).toBe(ALICE.id)
    expect(
      await page.evaluate(() => window.Clerk.user.primaryEmailAddress.emailAddress as string),
    ).toBe(ALICE.email)
  })

  it('getToken() returns a session token for alice with role authenticated', async () => {
    const token = await page.evaluate(() => window.Clerk.session.getToken() as Promise<string>)
    expect(decodeJwt(token)).toMatchObject({ sub: ALICE.id, role: 'authenticated' })
  })

  it('signs out, and stays signed out after a reload', async () => {
    // signOut() navigates to its redirect URL, which may end this evaluation early.
    await page
      .evaluate(() => window.Clerk.signOut({ redirectUrl: '/?signed-out' }))
      .catch(() => undefined)
    await page.waitForURL('**/?signed-out')
    const activeSessions = [...harness.emulator.store.sessions.values()].filter(
      (session) => session.status === 'active',
    )
    expect(activeSessions).toEqual([])
    await load()
    expect(await signedInUserId()).toBeNull()
  })

  it('shows Clerk’s error for a wrong password and stays signed out', async () => {
    await load()
    await submitSignIn(ALICE.email, 'not-alices-password')
    // A wrong password typed on the first screen sends the user to the password step (clerk-js
    // treats it as a password manager's guess); a wrong one there shows the error.
    const passwordStep = page.getByText('Enter your password')
    await passwordStep.waitFor({ timeout: 60_000 })
    await page.locator('input[name=password]').fill('not-alices-password')
    await clickWhenStill(page, '.cl-formButtonPrimary')
    const fieldError = page.locator('#error-password')
    await fieldError.waitFor({ timeout: 60_000 })
    expect(await fieldError.textContent()).toContain('Password is incorrect')
    expect(await signedInUserId()).toBeNull()
  })

  it('loses a Continue press that the password’s verdict moves away, so sign-up waits for it', async () => {
    // The CI flake, without CPU stress: pressed on Continue, the password typed, the verdict
    // pushes the button down, and the release lands beside it, as Playwright's down and up did
    // on a starved machine. No form is submitted, and nothing says so.
    await load()
    // Counted on the way down: Clerk's form stops the submit event from bubbling.
    await page.evaluate(() => {
      window.__submits = 0
      document.addEventListener(
        'submit',
        () => {
          window.__submits = (window.__submits ?? 0) + 1
        },
        { capture: true },
      )
    })
    await page.evaluate(() => window.Clerk.mountSignUp(document.getElementById('mount')))
    const email = `pressed-${version}-${Date.now()}@example.com`
    await page.locator('input[name=emailAddress]').fill(email)
    const button = page.locator('.cl-formButtonPrimary')
    const pressed = await button.boundingBox()
    if (!pressed) throw new Error('Continue is not on the page')
    const pointerY = pressed.y + pressed.height / 2
    await page.mouse.move(pressed.x + pressed.width / 2, pointerY)
    await page.mouse.down()
    await page.locator('input[name=password]').fill('a-new-password-123')
    await page.locator('.cl-formFieldSuccessText__password').waitFor({ timeout: 60_000 })
    await expect
      .poll(async () => (await button.boundingBox())?.y ?? 0, { timeout: 60_000 })
      .toBeGreaterThan(pointerY)
    await page.mouse.up()
    expect(await page.evaluate(() => window.__submits)).toBe(0)
    const signUps = [...harness.emulator.store.clients.values()].map((client) => client.signUp)
    expect(signUps.some((signUp) => signUp?.email === email)).toBe(false)
  })

  it('signs a new user up through <SignUp/> with the emulator’s email code', async () => {
    await load()
    const email = `new-${version}-${Date.now()}@example.com`
    await page.evaluate(() => window.Clerk.mountSignUp(document.getElementById('mount')))
    await page.locator('input[name=emailAddress]').fill(email)
    await page.locator('input[name=password]').fill('a-new-password-123')
    // The password's verdict comes after a 350 ms and a 100 ms debounce and grows in, pushing
    // Continue ~30 px down: pressed before it settles, the click can end beside the button.
    const accepted = page.locator('.cl-formFieldSuccessText__password')
    await accepted.waitFor({ timeout: 60_000 })
    expect(await accepted.textContent()).toContain('meets all the necessary requirements')
    await clickWhenStill(page, '.cl-formButtonPrimary')
    const signUpFor = (wanted: string) =>
      [...harness.emulator.store.clients.values()].some((client) => client.signUp?.email === wanted)
    await expect
      .poll(() => signUpFor(email), {
        timeout: 60_000,
        message: 'Continue sent no sign-up to the emulator',
      })
      .toBe(true)
    // The verification step: a one-time-code field that takes typed digits.
    await page.getByText(/verify your email/i).waitFor({ timeout: 60_000 })
    await page.keyboard.type(harness.emulator.verificationCode)
    await page.waitForFunction(() => window.Clerk?.isSignedIn === true, null, { timeout: 60_000 })
    const user = await page.evaluate(() => ({
      id: window.Clerk.user.id as string,
      email: window.Clerk.user.primaryEmailAddress.emailAddress as string,
    }))
    expect(user.email).toBe(email)
    expect(harness.emulator.store.findUserByEmail(email)?.id).toBe(user.id)
  })
})

describe.each([6, 5] as const)('clerk-js %i with <OrganizationSwitcher/>', (version) => {
  let harness: Harness
  let app: TestApp
  let context: BrowserContext
  let page: Page
  const { acme } = seededOrganizations()

  beforeAll(async () => {
    harness = await startHarness()
    app = await startTestApp(harness.emulator, version)
    context = await browser.newContext()
    page = await context.newPage()
    await page.goto(app.origin)
    await page.waitForFunction(() => window.__loaded || window.__loadError, null, {
      timeout: 60_000,
    })
    // Signed in through clerk-js's own API: the sign-in form is covered above.
    await page.evaluate(
      async ({ email, password }) => {
        const signIn = await window.Clerk.client.signIn.create({
          identifier: email,
          password,
          strategy: 'password',
        })
        await window.Clerk.setActive({ session: signIn.createdSessionId })
      },
      { email: ALICE.email, password: ALICE.password },
    )
    await page.evaluate(() =>
      window.Clerk.mountOrganizationSwitcher(document.getElementById('mount'), {
        skipInvitationScreen: true,
      }),
    )
  })
  afterAll(async () => {
    await context?.close()
    await app?.stop()
    await harness?.stop()
  })
  afterEach(() => {
    expect(
      harness.emulator.unhandledRequests,
      'clerk-js asked for endpoints the emulator does not serve',
    ).toEqual([])
  })

  const activeOrganization = () =>
    page.evaluate(async () => ({
      name: (window.Clerk.organization?.name as string | undefined) ?? null,
      token: (await window.Clerk.session.getToken()) as string,
    }))

  async function choose(option: RegExp) {
    await page.locator('.cl-organizationSwitcherTrigger').click()
    await page.getByRole('menuitem', { name: option }).or(page.getByText(option)).first().click()
  }

  it('switches alice to Acme: clerk-js shows it, and her tokens name it as admin', async () => {
    await choose(/^Acme/)
    await page.waitForFunction(() => window.Clerk.organization?.name === 'Acme', null, {
      timeout: 60_000,
    })
    const { token } = await activeOrganization()
    expect(decodeJwt(token).o).toMatchObject({ id: acme.id, slg: 'acme', rol: 'admin' })
    await expect
      .poll(() => page.locator('.cl-organizationSwitcherTrigger').textContent())
      .toContain('Acme')
  })

  it('switches back to her personal account: tokens name no organization', async () => {
    await choose(/personal account/i)
    await page.waitForFunction(() => !window.Clerk.organization, null, { timeout: 60_000 })
    const { token } = await activeOrganization()
    expect(decodeJwt(token)).not.toHaveProperty('o')
  })

  it('creates an organization from the switcher, with alice its admin and it active', async () => {
    const name = `Initech ${version}`
    await page.locator('.cl-organizationSwitcherTrigger').click()
    await page
      .getByText(/create organization/i)
      .first()
      .click()
    await page.locator('input[name=name]').fill(name)
    await clickWhenStill(page, '.cl-formButtonPrimary')
    await page.waitForFunction((wanted) => window.Clerk.organization?.name === wanted, name, {
      timeout: 60_000,
    })
    const created = harness.emulator.store.findOrganizationBySlug(`initech-${version}`)
    expect(created?.name).toBe(name)
    expect(harness.emulator.store.findMembership(created?.id ?? '', ALICE.id)?.role).toBe(
      'org:admin',
    )
    const { token } = await activeOrganization()
    expect(decodeJwt(token).o).toMatchObject({ id: created?.id, rol: 'admin' })
  })
})
