import { createClerkSupabaseClient } from '@repo/supabase-clerk'
import { describe, expect, it } from 'vitest'
import { runTaskAction } from '../src/index.ts'

/** A client whose data API records each request and answers `reply`. */
function clientAnswering(reply: (method: string) => Response) {
  const requests: { method: string; url: string; body: string | null }[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    requests.push({
      method: init?.method ?? 'GET',
      url: String(input),
      body: typeof init?.body === 'string' ? init.body : null,
    })
    return reply(init?.method ?? 'GET')
  }
  const client = createClerkSupabaseClient({
    supabaseUrl: 'http://127.0.0.1:54321',
    supabaseKey: 'sb_publishable_test',
    getToken: async () => 'token',
    fetch,
  })
  return { client, requests }
}

const form = (fields: Record<string, string>) => {
  const data = new FormData()
  for (const [name, value] of Object.entries(fields)) data.set(name, value)
  return data
}

const row = {
  id: 7,
  name: 'Buy milk',
  done: false,
  user_id: 'user_a',
  organization_id: null,
  created_at: '',
}

describe('runTaskAction', () => {
  it('adds a valid name, trimmed, and clears the field', async () => {
    const { client, requests } = clientAnswering(() => Response.json(row, { status: 201 }))
    expect(await runTaskAction(client, form({ intent: 'add', name: '  Buy milk ' }))).toEqual({
      intent: 'add',
      name: '',
      nameError: null,
      error: null,
    })
    expect(requests).toMatchObject([{ method: 'POST', body: JSON.stringify({ name: 'Buy milk' }) }])
  })

  it('sends a blank name back with the message beside the field, and stores nothing', async () => {
    const { client, requests } = clientAnswering(() => Response.json(row))
    expect(await runTaskAction(client, form({ intent: 'add', name: ' \u200b ' }))).toEqual({
      intent: 'add',
      name: ' \u200b ',
      nameError: 'Enter a name for the task.',
      error: null,
    })
    expect(requests).toEqual([])
  })

  it('toggles and deletes by id, and words a refusal', async () => {
    const { client, requests } = clientAnswering(() =>
      Response.json({ code: '42501', message: 'permission denied' }, { status: 403 }),
    )
    const toggled = await runTaskAction(client, form({ intent: 'toggle', id: '7', done: 'true' }))
    expect(toggled).toEqual({
      intent: 'toggle',
      id: 7,
      error: expect.objectContaining({ kind: 'forbidden' }),
    })
    const deleted = await runTaskAction(client, form({ intent: 'delete', id: '7' }))
    expect(deleted).toMatchObject({ intent: 'delete', id: 7, error: { kind: 'forbidden' } })
    expect(
      requests.map(({ method, url }) => [method, new URL(url).searchParams.get('id')]),
    ).toEqual([
      ['PATCH', 'eq.7'],
      ['DELETE', 'eq.7'],
    ])
  })

  it('says which task a member may not delete, when RLS deletes nothing and the task is there', async () => {
    // PostgREST's answer to a delete the policy filtered out: 200, no rows. The task is still
    // listed, so deleteTask takes the empty answer for a refusal, not for "already gone".
    const { client, requests } = clientAnswering((method) =>
      Response.json(method === 'DELETE' ? [] : [{ id: 7 }]),
    )
    expect(await runTaskAction(client, form({ intent: 'delete', id: '7' }))).toEqual({
      intent: 'delete',
      id: 7,
      error: {
        kind: 'forbidden',
        message: "Only an organization admin can delete other members' tasks.",
      },
    })
    expect(requests.map(({ method }) => method)).toEqual(['DELETE', 'GET'])
  })

  it('refuses an unknown intent without a request', async () => {
    const { client, requests } = clientAnswering(() => Response.json([]))
    expect(await runTaskAction(client, form({ intent: 'rename' }))).toEqual({
      intent: 'rename',
      error: { kind: 'unknown', message: 'Unknown action "rename".' },
    })
    expect(requests).toEqual([])
  })
})
