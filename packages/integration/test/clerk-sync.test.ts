// Clerk webhooks into the mirror tables through the real data path: @repo/clerk-sync's handler,
// the real verifyWebhook of @clerk/backend 3, real PostgREST and Postgres. Every case is checked
// with the service key: idempotent redelivery, out-of-order updates, deletes, bad signatures and
// stale timestamps touching nothing, and a database outage answered 503 then applied once.
import { webhookHeaders } from '@repo/clerk-emulator'
import { handleClerkWebhook } from '@repo/clerk-sync'
import type { Database } from '@repo/db'
import type { LocalSupabase } from '@repo/local-supabase'
import type { SessionClaims, TestIssuer } from '@repo/local-supabase/testing'
import type { SupabaseClient } from '@supabase/supabase-js'
import { createClient } from '@supabase/supabase-js'
import { verifyWebhook } from 'clerk-backend-3/webhooks'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startRlsStack } from './support/rls-stack.ts'

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const HOUR = 60 * 60 * 1000

let stack: LocalSupabase
let issuer: TestIssuer
let service: SupabaseClient<Database>
let deliveries = 0

beforeAll(async () => {
  ;({ stack, issuer, service } = await startRlsStack())
})
afterAll(async () => {
  await stack?.stop()
})
beforeEach(async () => {
  // As the project's owner: the service role may add to the ledger and the deletions, never
  // remove from them (see the privilege manifest).
  const owner = new pg.Client({ connectionString: stack.dbUrl })
  await owner.connect()
  try {
    await owner.query(`truncate public.profiles, public.organization_memberships,
      public.organizations, public.clerk_webhook_deliveries, public.clerk_deletions, public.tasks`)
  } finally {
    await owner.end()
  }
})

const env = () => ({ supabaseUrl: stack.url, serviceRoleKey: stack.serviceRoleKey })

/** A signed delivery of `event`, as Clerk (or the emulator) posts it. */
function delivery(
  event: { type: string; data: unknown; timestamp?: unknown },
  options: { id?: string; secret?: string; at?: number } = {},
) {
  const body = JSON.stringify({ object: 'event', timestamp: Date.now(), ...event })
  const id = options.id ?? `msg_${++deliveries}_${Date.now()}`
  return new Request('http://app.test/api/webhooks/clerk', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...webhookHeaders(options.secret ?? SECRET, id, body, options.at),
    },
    body,
  })
}

const deliver = (request: Request) =>
  handleClerkWebhook(request, (r) => verifyWebhook(r, { signingSecret: SECRET }), env())

const userEvent = (type: string, first: string, updatedAt: number, id = 'user_ada') => ({
  type,
  data: {
    id,
    first_name: first,
    last_name: 'Lovelace',
    image_url: '',
    primary_email_address_id: 'idn_1',
    email_addresses: [{ id: 'idn_1', email_address: `${id}@example.com` }],
    updated_at: updatedAt,
  },
})

const profiles = async () =>
  (await service.from('profiles').select('id, display_name').order('id')).data

const organizationEvent = (type: string, name: string, updatedAt: number, id = 'org_acme') => ({
  type,
  data: {
    object: 'organization',
    id,
    name,
    slug: id.slice(4),
    image_url: '',
    updated_at: updatedAt,
  },
})

const membershipEvent = (
  type: string,
  role: string,
  updatedAt: number,
  { id = 'orgmem_bob_acme', organization = 'org_acme', user = 'user_bob' } = {},
) => ({
  type,
  data: {
    object: 'organization_membership',
    id,
    organization: { id: organization },
    public_user_data: { user_id: user },
    role,
    updated_at: updatedAt,
  },
})

/** As Clerk sends user.deleted and organization.deleted: the id, and nothing else to go by. */
const deletedEvent = (type: string, id: string) => ({ type, data: { id, deleted: true } })

/** What the mirror holds of organizations, as `org_acme: Acme` and `orgmem_…: user in org as role`. */
async function organizationsMirror() {
  const organizations = (await service.from('organizations').select('id, name').order('id')).data
  const memberships = (
    await service
      .from('organization_memberships')
      .select('id, organization_id, user_id, role')
      .order('id')
  ).data
  return {
    organizations: organizations?.map((row) => `${row.id}: ${row.name}`),
    memberships: memberships?.map(
      (row) => `${row.id}: ${row.user_id} in ${row.organization_id} as ${row.role}`,
    ),
  }
}

/** Polls `condition` until it holds; throws after 30 s, so a hang fails and names its wait. */
async function until(condition: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 30_000
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const outcome = async (request: Request) =>
  ((await (await deliver(request)).json()) as { outcome: string }).outcome

describe('the webhook handler', () => {
  it('mirrors a new user, and changes nothing when the same delivery comes again', async () => {
    const request = delivery(userEvent('user.created', 'Ada', 1_000), { id: 'msg_same' })
    const again = delivery(userEvent('user.created', 'Ada', 1_000), { id: 'msg_same' })
    expect(await (await deliver(request)).json()).toEqual({ outcome: 'applied' })
    expect(await (await deliver(again)).json()).toEqual({ outcome: 'duplicate' })
    expect(await profiles()).toEqual([{ id: 'user_ada', display_name: 'Ada Lovelace' }])
  })

  it('takes a captured delivery replayed with a padded svix-id for the same delivery', async () => {
    // The signature covers the id as verifyWebhook reads it, trimmed (String.prototype.trim, so a
    // no-break space too): the padded replay verifies, and must meet the ledger under that id.
    const body = JSON.stringify({ object: 'event', ...userEvent('user.created', 'Ada', 1_000) })
    const signed = webhookHeaders(SECRET, 'msg_captured', body)
    const send = (id: string) =>
      deliver(
        new Request('http://app.test/api/webhooks/clerk', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signed, 'svix-id': id },
          body,
        }),
      )
    expect(await (await send('msg_captured')).json()).toEqual({ outcome: 'applied' })
    for (const padded of ['msg_captured\u00a0', '\u00a0msg_captured', 'msg_captured\u000b']) {
      const replay = await send(padded)
      expect([replay.status, await replay.json()], JSON.stringify(padded)).toEqual([
        200,
        { outcome: 'duplicate' },
      ])
    }
    const ledger = (await service.from('clerk_webhook_deliveries').select('svix_id')).data
    expect(ledger).toEqual([{ svix_id: 'msg_captured' }])
  })

  it('never lets an older update overwrite a newer one', async () => {
    await deliver(delivery(userEvent('user.updated', 'Augusta', 2_000)))
    const late = await deliver(delivery(userEvent('user.updated', 'Ada', 1_000)))
    expect(await late.json()).toEqual({ outcome: 'stale' })
    expect(await profiles()).toEqual([{ id: 'user_ada', display_name: 'Augusta Lovelace' }])
  })

  it('deletes the profile and personal tasks together, keeps organization tasks, and is not undone by a late update', async () => {
    await deliver(delivery(userEvent('user.created', 'Ada', 1_000)))
    await service.from('tasks').insert([
      { name: 'personal', user_id: 'user_ada' },
      { name: 'for acme', user_id: 'user_ada', organization_id: 'org_acme' },
      { name: 'someone else’s', user_id: 'user_bob' },
    ])
    const deleted = await deliver(
      delivery({ type: 'user.deleted', data: { id: 'user_ada', deleted: true } }),
    )
    expect(await deleted.json()).toEqual({ outcome: 'applied' })
    expect(await profiles()).toEqual([])
    const left = (await service.from('tasks').select('name').order('name')).data
    expect(left).toEqual([{ name: 'for acme' }, { name: 'someone else’s' }])
    const late = await deliver(delivery(userEvent('user.updated', 'Ada', 5_000)))
    expect(await late.json()).toEqual({ outcome: 'deleted' })
    expect(await profiles()).toEqual([])
  })

  it('answers 400 to a forged signature and to a stale timestamp, touching nothing', async () => {
    const forged = await deliver(
      delivery(userEvent('user.created', 'Mallory', 1_000), {
        secret: 'whsec_bm90LXRoZS1zZWNyZXQtbm90LXRoZS1zZWNyZXQ=',
      }),
    )
    const stale = await deliver(
      delivery(userEvent('user.created', 'Mallory', 1_000), { at: Date.now() - HOUR }),
    )
    expect([forged.status, stale.status]).toEqual([400, 400])
    expect(await profiles()).toEqual([])
    expect((await service.from('clerk_webhook_deliveries').select('svix_id')).data).toEqual([])
  })

  it('answers 400 naming the field to a signed delivery with an impossible date, leaving the mirror unchanged', async () => {
    await deliver(delivery(userEvent('user.created', 'Ada', 1_000), { id: 'msg_ada' }))
    const cases = [
      [
        { type: 'user.deleted', data: { id: 'user_ada', deleted: true }, timestamp: 'soon' },
        'timestamp',
      ],
      [
        { type: 'user.deleted', data: { id: 'user_ada', deleted: true }, timestamp: 1e20 },
        'timestamp',
      ],
      [userEvent('user.updated', 'Mallory', 1e300), 'data.updated_at'],
    ] as const
    for (const [event, field] of cases) {
      const response = await deliver(delivery(event))
      const body = (await response.json()) as { fields?: string[] }
      expect([response.status, body.fields], JSON.stringify(event)).toEqual([400, [field]])
    }
    expect(await profiles()).toEqual([{ id: 'user_ada', display_name: 'Ada Lovelace' }])
    const ledger = (await service.from('clerk_webhook_deliveries').select('svix_id')).data
    expect(ledger).toEqual([{ svix_id: 'msg_ada' }])
    expect((await service.from('clerk_deletions').select('object_id')).data).toEqual([])
  })

  it('answers 503 while the database is down, and applies the retried delivery once', async () => {
    const body = userEvent('user.created', 'Ada', 1_000)
    await stack.stopDataApi()
    try {
      const down = await deliver(delivery(body, { id: 'msg_retried' }))
      expect(down.status).toBe(503)
    } finally {
      await stack.startDataApi()
    }
    const retried = await deliver(delivery(body, { id: 'msg_retried' }))
    expect(await retried.json()).toEqual({ outcome: 'applied' })
    const again = await deliver(delivery(body, { id: 'msg_retried' }))
    expect(await again.json()).toEqual({ outcome: 'duplicate' })
    expect(await profiles()).toEqual([{ id: 'user_ada', display_name: 'Ada Lovelace' }])
  })
})

describe('deletes, in whatever order the deliveries come', () => {
  const membershipId = (user: string, organization: string) =>
    `orgmem_${user.slice(5)}_${organization.slice(4)}`
  const member = (user: string, organization: string, role = 'org:member') =>
    `${membershipId(user, organization)}: ${user} in ${organization} as ${role}`

  // Bob in Acme and Globex, Carol in Acme; each created event under an id a redelivery reuses.
  beforeEach(async () => {
    for (const [id, first] of [
      ['user_bob', 'Bob'],
      ['user_carol', 'Carol'],
    ] as const) {
      await deliver(delivery(userEvent('user.created', first, 1_000, id)))
    }
    for (const [id, name] of [
      ['org_acme', 'Acme'],
      ['org_globex', 'Globex'],
    ] as const) {
      const created = delivery(organizationEvent('organization.created', name, 1_000, id), {
        id: `msg_created_${id}`,
      })
      expect(await outcome(created)).toBe('applied')
    }
    for (const [user, organization] of [
      ['user_bob', 'org_acme'],
      ['user_carol', 'org_acme'],
      ['user_bob', 'org_globex'],
    ] as const) {
      const id = membershipId(user, organization)
      const created = delivery(
        membershipEvent('organizationMembership.created', 'org:member', 1_000, {
          id,
          organization,
          user,
        }),
        { id: `msg_created_${id}` },
      )
      expect(await outcome(created)).toBe('applied')
    }
  })

  it('organization.deleted removes the organization and its memberships, and no late or redelivered event brings them back', async () => {
    const deleted = delivery(deletedEvent('organization.deleted', 'org_acme'))
    expect(await outcome(deleted)).toBe('applied')
    const afterDelete = {
      organizations: ['org_globex: Globex'],
      memberships: [member('user_bob', 'org_globex')],
    }
    expect(await organizationsMirror()).toEqual(afterDelete)

    // Each was sent before the delete and arrives after it; the updates are newer than any row.
    const late = [
      delivery(organizationEvent('organization.created', 'Acme', 1_000), {
        id: 'msg_created_org_acme',
      }),
      delivery(organizationEvent('organization.created', 'Acme', 1_000)),
      delivery(organizationEvent('organization.updated', 'Acme Ltd', 5_000)),
      delivery(
        membershipEvent('organizationMembership.created', 'org:member', 1_000, {
          id: 'orgmem_bob_acme',
        }),
        { id: 'msg_created_orgmem_bob_acme' },
      ),
      delivery(
        membershipEvent('organizationMembership.updated', 'org:admin', 5_000, {
          id: 'orgmem_bob_acme',
        }),
      ),
      delivery(
        membershipEvent('organizationMembership.created', 'org:member', 5_000, {
          id: 'orgmem_dave_acme',
          user: 'user_dave',
        }),
      ),
    ]
    const outcomes = []
    for (const request of late) outcomes.push(await outcome(request))
    expect(outcomes).toEqual(['duplicate', 'deleted', 'deleted', 'duplicate', 'deleted', 'deleted'])
    expect(await organizationsMirror()).toEqual(afterDelete)
  })

  it('organizationMembership.deleted removes that membership alone, and no late or redelivered event brings it back', async () => {
    const deleted = delivery(
      membershipEvent('organizationMembership.deleted', 'org:member', 2_000, {
        id: 'orgmem_bob_acme',
      }),
    )
    expect(await outcome(deleted)).toBe('applied')
    const afterDelete = {
      organizations: ['org_acme: Acme', 'org_globex: Globex'],
      memberships: [member('user_bob', 'org_globex'), member('user_carol', 'org_acme')],
    }
    expect(await organizationsMirror()).toEqual(afterDelete)

    const late = [
      delivery(
        membershipEvent('organizationMembership.created', 'org:member', 1_000, {
          id: 'orgmem_bob_acme',
        }),
        { id: 'msg_created_orgmem_bob_acme' },
      ),
      delivery(
        membershipEvent('organizationMembership.created', 'org:member', 1_000, {
          id: 'orgmem_bob_acme',
        }),
      ),
      delivery(
        membershipEvent('organizationMembership.updated', 'org:admin', 5_000, {
          id: 'orgmem_bob_acme',
        }),
      ),
    ]
    const outcomes = []
    for (const request of late) outcomes.push(await outcome(request))
    expect(outcomes).toEqual(['duplicate', 'deleted', 'deleted'])
    expect(await organizationsMirror()).toEqual(afterDelete)

    // The deletion is of that membership: Bob's other one, and Acme, still take updates.
    const promoted = delivery(
      membershipEvent('organizationMembership.updated', 'org:admin', 2_000, {
        id: 'orgmem_bob_globex',
        organization: 'org_globex',
      }),
    )
    const renamed = delivery(organizationEvent('organization.updated', 'Acme Ltd', 2_000))
    expect([await outcome(promoted), await outcome(renamed)]).toEqual(['applied', 'applied'])
    expect(await organizationsMirror()).toEqual({
      organizations: ['org_acme: Acme Ltd', 'org_globex: Globex'],
      memberships: [
        member('user_bob', 'org_globex', 'org:admin'),
        member('user_carol', 'org_acme'),
      ],
    })
  })

  it('user.deleted removes the user’s memberships in every organization, and no late event brings one back', async () => {
    expect(await outcome(delivery(deletedEvent('user.deleted', 'user_bob')))).toBe('applied')
    const afterDelete = {
      organizations: ['org_acme: Acme', 'org_globex: Globex'],
      memberships: [member('user_carol', 'org_acme')],
    }
    expect(await organizationsMirror()).toEqual(afterDelete)
    expect(await profiles()).toEqual([{ id: 'user_carol', display_name: 'Carol Lovelace' }])

    const late = [
      delivery(
        membershipEvent('organizationMembership.updated', 'org:admin', 5_000, {
          id: 'orgmem_bob_globex',
          organization: 'org_globex',
        }),
      ),
      // A membership the mirror never saw, of the deleted user.
      delivery(
        membershipEvent('organizationMembership.created', 'org:member', 5_000, {
          id: 'orgmem_bob_initech',
          organization: 'org_initech',
        }),
      ),
      delivery(userEvent('user.created', 'Bob', 1_000, 'user_bob')),
    ]
    const outcomes = []
    for (const request of late) outcomes.push(await outcome(request))
    expect(outcomes).toEqual(['deleted', 'deleted', 'deleted'])
    expect(await organizationsMirror()).toEqual(afterDelete)
    expect(await profiles()).toEqual([{ id: 'user_carol', display_name: 'Carol Lovelace' }])
  })

  it('a delete delivered before the create it follows still wins', async () => {
    const first = [
      delivery(deletedEvent('organization.deleted', 'org_initech')),
      delivery(
        membershipEvent('organizationMembership.deleted', 'org:member', 2_000, {
          id: 'orgmem_carol_globex',
          organization: 'org_globex',
          user: 'user_carol',
        }),
      ),
    ]
    const then = [
      delivery(organizationEvent('organization.created', 'Initech', 1_000, 'org_initech')),
      delivery(
        membershipEvent('organizationMembership.created', 'org:member', 1_000, {
          id: 'orgmem_carol_globex',
          organization: 'org_globex',
          user: 'user_carol',
        }),
      ),
    ]
    const outcomes = []
    for (const request of [...first, ...then]) outcomes.push(await outcome(request))
    expect(outcomes).toEqual(['applied', 'applied', 'deleted', 'deleted'])
    expect(await organizationsMirror()).toEqual({
      organizations: ['org_acme: Acme', 'org_globex: Globex'],
      memberships: [
        member('user_bob', 'org_acme'),
        member('user_bob', 'org_globex'),
        member('user_carol', 'org_acme'),
      ],
    })
  })

  // Clerk sends concurrently, so a write can be between its check for deletions and its insert
  // when the deletion runs. Another transaction inserting a row under the same id holds it there,
  // as a slow moment would; the deletion is sent once the write waits on that row.
  const racing = {
    'a membership, while user.deleted runs for its user': {
      table: 'organization_memberships',
      row: `('orgmem_dave_acme', 'org_acme', 'user_dave', 'org:member', now())`,
      write: membershipEvent('organizationMembership.created', 'org:member', 1_000, {
        id: 'orgmem_dave_acme',
        user: 'user_dave',
      }),
      deletion: deletedEvent('user.deleted', 'user_dave'),
    },
    'a membership, while organization.deleted runs for its organization': {
      table: 'organization_memberships',
      row: `('orgmem_dave_acme', 'org_acme', 'user_dave', 'org:member', now())`,
      write: membershipEvent('organizationMembership.created', 'org:member', 1_000, {
        id: 'orgmem_dave_acme',
        user: 'user_dave',
      }),
      deletion: deletedEvent('organization.deleted', 'org_acme'),
    },
    'a profile, while user.deleted runs for it': {
      table: 'profiles',
      row: `('user_dave', null, 'Dave', null, now())`,
      write: userEvent('user.created', 'Dave', 1_000, 'user_dave'),
      deletion: deletedEvent('user.deleted', 'user_dave'),
    },
    'an organization, while organization.deleted runs for it': {
      table: 'organizations',
      row: `('org_initech', 'Initech', null, null, now())`,
      write: organizationEvent('organization.created', 'Initech', 1_000, 'org_initech'),
      deletion: deletedEvent('organization.deleted', 'org_initech'),
    },
  }
  it.each(Object.entries(racing))('%s, is not left behind', async (_, race) => {
    const owner = new pg.Client({ connectionString: stack.dbUrl })
    const holder = new pg.Client({ connectionString: stack.dbUrl })
    await owner.connect()
    await holder.connect()
    const waiting = async () =>
      Number(
        (await owner.query<{ n: string }>('select count(*) as n from pg_locks where not granted'))
          .rows[0]?.n,
      )
    const id = race.write.data.id
    try {
      await holder.query('begin')
      await holder.query(`insert into public.${race.table} values ${race.row}`)
      const written = outcome(delivery(race.write))
      await until(async () => (await waiting()) === 1, 'the write waits on the held row')
      let settled = false
      const deleted = outcome(delivery(race.deletion)).finally(() => {
        settled = true
      })
      // The deletion either finishes at once or waits for the write; then the write goes on.
      await until(async () => settled || (await waiting()) === 2, 'the deletion ran or waits')
      await holder.query('rollback')
      expect([await written, await deleted]).toEqual(['applied', 'applied'])
      const left = await owner.query(`select id from public.${race.table} where id = $1`, [id])
      expect(left.rows, `${id} in ${race.table}`).toEqual([])
    } finally {
      await holder.end()
      await owner.end()
    }
  })
})

describe('the mirror’s RLS', () => {
  async function clientAs(claims: SessionClaims) {
    const token = await issuer.sessionToken(claims)
    return createClient<Database>(stack.url, stack.anonKey, { accessToken: async () => token })
  }

  beforeEach(async () => {
    for (const [id, first] of [
      ['user_alice', 'Alice'],
      ['user_bob', 'Bob'],
      ['user_carol', 'Carol'],
    ] as const) {
      await deliver(delivery(userEvent('user.created', first, 1_000, id)))
    }
    await deliver(
      delivery({
        type: 'organizationMembership.created',
        data: {
          id: 'orgmem_bob',
          organization: { id: 'org_acme' },
          public_user_data: { user_id: 'user_bob' },
          role: 'org:member',
          updated_at: 1_000,
        },
      }),
    )
  })

  it('shows a user their own profile, and in an organization its members’ too', async () => {
    const personal = await clientAs({ sub: 'user_alice' })
    expect((await personal.from('profiles').select('id')).data).toEqual([{ id: 'user_alice' }])
    const inAcme = await clientAs({
      sub: 'user_alice',
      organization: { id: 'org_acme', role: 'admin' },
    })
    const seen = (await inAcme.from('profiles').select('id').order('id')).data
    expect(seen).toEqual([{ id: 'user_alice' }, { id: 'user_bob' }])
  })

  it('lets no signed-in user write it', async () => {
    const alice = await clientAs({ sub: 'user_alice' })
    const write = await alice
      .from('profiles')
      .update({ display_name: 'Eve' })
      .eq('id', 'user_alice')
    const rpc = await alice.rpc('clerk_delete_user', {
      p_svix_id: 'x',
      p_event_type: 'user.deleted',
      p_id: 'user_bob',
      p_deleted_at: new Date().toISOString(),
    })
    expect([write.error?.code, rpc.error?.code]).toEqual(['42501', '42501'])
    expect(await profiles()).toHaveLength(3)
  })
})
