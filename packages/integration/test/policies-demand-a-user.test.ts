// Defence in depth below the gateway: a token from the trusted issuer that names an organization
// but no user (no `sub`, or `sub: ""`) must get nothing from any policy, even as an admin. Clerk
// always sends `sub`; the gateway refuses such a token too, so this drives Postgres directly, as
// PostgREST would after verifying it: role authenticated, the claims in request.jwt.claims.

import { seededOrganizations, seededUsers } from '@repo/local-stack'
import { type RunningDatabase, startMigratedDatabase } from '@repo/local-supabase'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const { alice, bob } = seededUsers()
const { acme } = seededOrganizations()

let database: RunningDatabase
let owner: pg.Client

beforeAll(async () => {
  database = await startMigratedDatabase({ onLog: () => undefined })
  owner = new pg.Client({ connectionString: database.url })
  await owner.connect()
  // As postgres (which bypasses RLS, like the webhook's writes): an Acme task, its members and
  // their profiles, as the mirror holds them.
  const [org, a, b] = [acme.id, alice.id, bob.id]
  await owner.query(
    `insert into public.organizations (id, name, clerk_updated_at) values ($1, 'Acme', now())`,
    [org],
  )
  await owner.query(
    `insert into public.profiles (id, email, display_name, clerk_updated_at)
     values ($1, 'alice@example.com', 'Alice', now()), ($2, 'bob@example.com', 'Bob', now())`,
    [a, b],
  )
  await owner.query(
    `insert into public.organization_memberships (id, organization_id, user_id, role, clerk_updated_at)
     values ('orgmem_a', $1, $2, 'admin', now()), ('orgmem_b', $1, $3, 'member', now())`,
    [org, a, b],
  )
  await owner.query(
    `insert into public.tasks (name, user_id, organization_id) values ('acme plan', $1, $2)`,
    [a, org],
  )
})

afterAll(async () => {
  await owner?.end()
  await database?.stop()
})

/** Runs `sql` as PostgREST would for a verified token with these claims, and rolls back. */
async function asToken<T extends pg.QueryResultRow>(
  claims: Record<string, unknown>,
  sql: string,
): Promise<pg.QueryResult<T>> {
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    await client.query('begin')
    await client.query('set local role authenticated')
    await client.query(`select set_config('request.jwt.claims', $1, true)`, [
      JSON.stringify(claims),
    ])
    return await client.query<T>(sql)
  } finally {
    await client.query('rollback').catch(() => undefined)
    await client.end()
  }
}

const admin = { id: acme.id, rol: 'admin' }
const tokens = {
  'no sub': { role: 'authenticated', o: admin },
  'an empty sub': { role: 'authenticated', sub: '', o: admin },
  'a blank sub': { role: 'authenticated', sub: ' \t\u00a0', o: admin },
}

describe.each(Object.entries(tokens))('a token with an organization and %s', (_, claims) => {
  it('reads none of the organization’s tasks', async () => {
    expect((await asToken(claims, 'select id from public.tasks')).rowCount).toBe(0)
  })

  it('reads no member’s profile (emails included), membership or organization', async () => {
    expect((await asToken(claims, 'select email from public.profiles')).rows).toEqual([])
    expect((await asToken(claims, 'select id from public.organization_memberships')).rows).toEqual(
      [],
    )
    expect((await asToken(claims, 'select id from public.organizations')).rows).toEqual([])
  })

  it('toggles no task and, as admin, deletes none', async () => {
    expect((await asToken(claims, 'update public.tasks set done = true')).rowCount).toBe(0)
    expect((await asToken(claims, 'delete from public.tasks')).rowCount).toBe(0)
  })
})

describe('the same token with alice’s sub', () => {
  it('does read and change the organization’s task (the test above can fail)', async () => {
    const claims = { role: 'authenticated', sub: alice.id, o: admin }
    expect((await asToken(claims, 'select id from public.tasks')).rowCount).toBe(1)
    expect((await asToken(claims, 'select email from public.profiles')).rowCount).toBe(2)
    expect((await asToken(claims, 'delete from public.tasks')).rowCount).toBe(1)
  })
})
