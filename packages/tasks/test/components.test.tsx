// @vitest-environment happy-dom
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { DataErrorAlert, TaskAuthor, TaskNameField, TasksHeading } from '../src/react/index.ts'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true

describe('TaskNameField', () => {
  it('labels the input "New task" and shows no alert when valid', () => {
    const html = renderToStaticMarkup(<TaskNameField defaultValue="milk" error={null} />)
    document.body.innerHTML = html
    const input = document.querySelector('input')
    expect(document.querySelector('label')?.textContent).toBe('New task')
    expect(document.querySelector('label')?.getAttribute('for')).toBe(input?.id)
    expect(input?.getAttribute('value')).toBe('milk')
    expect(document.querySelector('[role="alert"]')).toBeNull()
  })

  it('puts the validation message beside the field, keeping what was typed', () => {
    document.body.innerHTML = renderToStaticMarkup(
      <TaskNameField
        defaultValue={'x'.repeat(501)}
        error="A task name can be at most 500 characters; this one has 501."
      />,
    )
    const alert = document.querySelector('[role="alert"]')
    const input = document.querySelector('input')
    expect(alert?.textContent).toBe('A task name can be at most 500 characters; this one has 501.')
    expect(input?.getAttribute('aria-invalid')).toBe('true')
    expect(input?.getAttribute('aria-describedby')).toBe(alert?.id)
    expect(input?.getAttribute('value')).toHaveLength(501)
  })
})

describe('DataErrorAlert', () => {
  it('names an unreachable data API in words', () => {
    document.body.innerHTML = renderToStaticMarkup(
      <DataErrorAlert
        error={{
          kind: 'unreachable',
          message: 'The database API is unreachable. Try again in a moment.',
        }}
      />,
    )
    const alert = document.querySelector('[role="alert"]')
    expect(alert?.textContent).toContain('The database API is unreachable')
    expect(alert?.getAttribute('data-kind')).toBe('unreachable')
  })

  it('renders nothing without an error', () => {
    expect(renderToStaticMarkup(<DataErrorAlert error={null} />)).toBe('')
  })
})

describe('TasksHeading', () => {
  const token = { id: 'org_acme', slug: 'acme' }
  const acme = { id: 'org_acme', name: 'Acme Inc.' }

  it('names the active organization by the token’s slug on the server, and only then', () => {
    expect(renderToStaticMarkup(<TasksHeading organization={token} active={acme} />)).toBe(
      '<h1 id="tasks-heading">Tasks in acme</h1>',
    )
    expect(renderToStaticMarkup(<TasksHeading organization={null} active={null} />)).toBe(
      '<h1 id="tasks-heading">Tasks</h1>',
    )
    // An instance with slugs turned off.
    expect(
      renderToStaticMarkup(<TasksHeading organization={{ id: 'org_acme', slug: null }} />),
    ).toBe('<h1 id="tasks-heading">Tasks in your organization</h1>')
  })

  it('shows clerk-js’s name once hydrated, for the same organization only', async () => {
    const container = document.createElement('div')
    const root = createRoot(container)
    await act(async () => root.render(<TasksHeading organization={token} active={acme} />))
    expect(container.textContent).toBe('Tasks in Acme Inc.')
    // Mid-switch, clerk-js knows the next organization before the page's data follows.
    await act(async () =>
      root.render(
        <TasksHeading organization={token} active={{ id: 'org_globex', name: 'Globex' }} />,
      ),
    )
    expect(container.textContent).toBe('Tasks in acme')
    await act(async () => root.render(<TasksHeading organization={null} active={null} />))
    expect(container.textContent).toBe('Tasks')
    await act(async () => root.unmount())
  })
})

describe('TaskAuthor', () => {
  const orgTask = { id: 7, organization_id: 'org_acme', author: null, author_deleted: false }
  const text = (task: Parameters<typeof TaskAuthor>[0]['task']) =>
    renderToStaticMarkup(<TaskAuthor task={task} />)

  it('names the author of an organization’s task from the mirror', () => {
    expect(text({ ...orgTask, author: { display_name: 'Bob Example' } })).toBe(
      '<span class="author">added by Bob Example</span>',
    )
  })

  it('says "added by a deleted user" only when the database has their deletion', () => {
    expect(text({ ...orgTask, author_deleted: true })).toBe(
      '<span class="author">added by a deleted user</span>',
    )
  })

  it('says "author not synced yet" for an author neither mirrored nor deleted', () => {
    // Webhooks off, or the author's user.created not delivered yet: nobody was deleted.
    expect(text(orgTask)).toBe('<span class="author">author not synced yet</span>')
  })

  it('says nothing on a personal task, or one still being added', () => {
    expect(text({ ...orgTask, organization_id: null, author_deleted: true })).toBe('')
    expect(text({ ...orgTask, id: -1 })).toBe('')
  })
})
