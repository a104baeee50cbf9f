// deleteTask against a stubbed data API that answers as PostgREST does under RLS: a delete the
// policy refuses is not an error, just no rows. The end-to-end version, through real PostgREST,
// is packages/integration/test/delete-org-tasks.test.ts.
import { createClerkSupabaseClient } from '@repo/supabase-clerk'
import { describe, expect, it } from 'vitest'
import { deleteTask } from '../src/index.ts'

const row = {
  id: 7,
  name: 'Order paper',
  done: false,
  user_id: 'user_alice',
  organization_id: 'org_acme',
  created_at: '2026-01-07T00:00:00.000Z',
}

/** A data API answering the delete with `deleted` and a read with `listed()`, recording both. */
function dataApi(deleted: unknown[], listed: () => Response = () => Response.json([])) {
  const requests: string[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const method = init?.method ?? 'GET'
    requests.push(`${method} ${new URL(String(input)).searchParams.get('id')}`)
    return method === 'DELETE' ? Response.json(deleted) : listed()
  }
  const client = createClerkSupabaseClient({
    supabaseUrl: 'http://data-api.test',
    supabaseKey: 'sb_publishable_test',
    getToken: async () => 'bob-token',
    fetch,
  })
  return { client, requests }
}

describe('deleteTask', () => {
  it('returns the deleted row, asking nothing more', async () => {
    const { client, requests } = dataApi([row])
    expect(await deleteTask(client, 7)).toEqual({ ok: true, data: [row] })
    expect(requests).toEqual(['DELETE eq.7'])
  })

  it('says a delete RLS refused when the task is still there to see', async () => {
    const { client, requests } = dataApi([], () => Response.json([{ id: 7 }]))
    expect(await deleteTask(client, 7)).toEqual({
      ok: false,
      error: {
        kind: 'forbidden',
        message: "Only an organization admin can delete other members' tasks.",
      },
    })
    expect(requests).toEqual(['DELETE eq.7', 'GET eq.7'])
  })

  it('takes a task the caller cannot see as already gone', async () => {
    const { client } = dataApi([])
    expect(await deleteTask(client, 7)).toEqual({ ok: true, data: [] })
  })

  it('says so when the second look fails', async () => {
    const { client } = dataApi([], () => {
      throw new TypeError('fetch failed')
    })
    expect(await deleteTask(client, 7)).toEqual({
      ok: false,
      error: { kind: 'unreachable', message: expect.stringContaining('unreachable') },
    })
  })
})
