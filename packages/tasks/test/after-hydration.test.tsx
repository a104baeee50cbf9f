// @vitest-environment happy-dom
import { act } from 'react'
import { createRoot, hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AfterHydration } from '../src/react/index.ts'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true

afterEach(() => {
  vi.restoreAllMocks()
})

// Stands in for Clerk's components: what they render depends on clerk-js, which the server lacks.
const Widget = () => <button type="button">Account</button>

describe('AfterHydration', () => {
  it('renders nothing on the server, then its children once hydrated, with no mismatch', async () => {
    const page = (
      <main>
        <h1>Tasks</h1>
        <AfterHydration>
          <Widget />
        </AfterHydration>
      </main>
    )
    const html = renderToString(page)
    expect(html).toBe('<main><h1>Tasks</h1></main>')

    const errors = vi.spyOn(console, 'error')
    const container = document.createElement('div')
    container.innerHTML = html
    const recoverable: unknown[] = []
    const root = await act(async () =>
      hydrateRoot(container, page, { onRecoverableError: (error) => recoverable.push(error) }),
    )
    expect(container.innerHTML).toBe(
      '<main><h1>Tasks</h1><button type="button">Account</button></main>',
    )
    expect(recoverable).toEqual([])
    expect(errors).not.toHaveBeenCalled()
    await act(async () => root.unmount())
  })

  it('renders its children at once on a page rendered only in the browser', async () => {
    const container = document.createElement('div')
    const root = createRoot(container)
    await act(async () =>
      root.render(
        <AfterHydration>
          <Widget />
        </AfterHydration>,
      ),
    )
    expect(container.innerHTML).toBe('<button type="button">Account</button>')
    await act(async () => root.unmount())
  })
})
