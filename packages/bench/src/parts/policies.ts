// Part 2, RLS policy forms: how fast each way of writing the owner check runs inside Postgres,
// on a table of `rows` rows owned by `users` users, with and without the index it wants, timed
// by EXPLAIN ANALYZE as `authenticated` with real claims, the way PostgREST runs a request.
// Forms measured with the same index (or with none) take turns within each round, so a warmer
// cache or a busy moment favours none of them; the two index groups run one after the other.
import { startMigratedDatabase } from '@repo/local-supabase'
import pg from 'pg'
import type { Progress } from '../progress.ts'
import { ratio, type Spread, spread } from '../stats.ts'

export interface PolicySizes {
  rows: number
  users: number
  organizations: number
  /** Rows in the measured caller's organization; the other organizations share the rest. */
  callerOrganizationRows: number
  runs: number
}

export const FULL_POLICY_SIZES: PolicySizes = {
  rows: 1_000_000,
  users: 1_000,
  organizations: 100,
  callerOrganizationRows: 1_000,
  runs: 20,
}

export interface PolicyCase {
  id: string
  /** A few words, for the chart. */
  name: string
  label: string
  /** Whether the kit's migrations ship this policy. */
  shipped: boolean
  /** The index this form is measured with. */
  index: string
  rowsSeen: number
  indexed: Spread
  unindexed: Spread
  /** p50 ÷ the kit's owner check (`kit`) p50, measured the same way. */
  indexedRatio: number
  unindexedRatio: number
}

export interface PolicyResult {
  sizes: PolicySizes
  postgres: string
  query: string
  cases: PolicyCase[]
}

// Not user_0: at some sizes the caller's organization's rows are all user_0's.
const CALLER = 'user_7'
const CALLER_ORGANIZATION = 'org_0'
const QUERY = 'select * from policy_bench'

type Claims = Record<string, unknown>
const personalCaller: Claims = { sub: CALLER, role: 'authenticated' }
const organizationCaller: Claims = {
  ...personalCaller,
  o: { id: CALLER_ORGANIZATION, rol: 'member', slg: 'acme' },
}

const USER_ID_INDEX = 'policy_bench (user_id)'
const COMPOSITE_INDEX = 'policy_bench (organization_id, user_id)'

interface CaseDefinition {
  id: string
  name: string
  label: string
  shipped: boolean
  index: string
  claims: Claims
  /** The USING expression; the shipped policy's is read from the migrated database. */
  using: (shippedSelect: string) => string
}

const CASES: CaseDefinition[] = [
  {
    id: 'naive',
    name: 'naive (per row)',
    label: "naive: auth.jwt() ->> 'sub' = user_id",
    shipped: false,
    index: USER_ID_INDEX,
    claims: personalCaller,
    using: () => `auth.jwt() ->> 'sub' = user_id`,
  },
  {
    id: 'guide',
    name: "Clerk's guide",
    label: "Clerk's guide: (select auth.jwt() ->> 'sub') = user_id",
    shipped: false,
    index: USER_ID_INDEX,
    claims: personalCaller,
    using: () => `(select auth.jwt() ->> 'sub') = user_id`,
  },
  {
    id: 'kit',
    name: "kit's owner check",
    label: "the kit's owner check: (select public.requesting_user_id()) = user_id",
    shipped: false,
    index: USER_ID_INDEX,
    claims: personalCaller,
    using: () => `(select public.requesting_user_id()) = user_id`,
  },
  {
    id: 'shipped-personal',
    name: 'shipped, personal',
    label: 'shipped select policy, no active organization',
    shipped: true,
    index: COMPOSITE_INDEX,
    claims: personalCaller,
    using: (shipped) => shipped,
  },
  {
    id: 'shipped-organization',
    name: 'shipped, organization',
    label: 'shipped select policy, active organization',
    shipped: true,
    index: COMPOSITE_INDEX,
    claims: organizationCaller,
    using: (shipped) => shipped,
  },
]

export async function measurePolicies(
  sizes: PolicySizes,
  progress: Progress,
): Promise<PolicyResult> {
  const database = await startMigratedDatabase({ onLog: () => undefined })
  const db = new pg.Client({ connectionString: database.url })
  try {
    await db.connect()
    progress(`loading ${sizes.rows.toLocaleString('en')} rows`)
    await loadTable(db, sizes)

    // The shipped select policy, read from the migrated tasks table so the bench cannot drift.
    const { rows: shipped } = await db.query<{ qual: string }>(
      `select qual from pg_policies where tablename = 'tasks' and cmd = 'SELECT'`,
    )
    const shippedSelect = shipped[0]?.qual
    if (shipped.length !== 1 || !shippedSelect) {
      throw new Error(`expected one select policy on tasks, found ${shipped.length}`)
    }

    // `query` as the caller, as PostgREST would run it: role authenticated, the claims set.
    async function asCaller<T extends pg.QueryResultRow>(claims: Claims, query: string) {
      await db.query('begin')
      try {
        await db.query('set local role authenticated')
        await db.query('set local statement_timeout = 0')
        await db.query(`select set_config('request.jwt.claims', $1, true)`, [
          JSON.stringify(claims),
        ])
        return (await db.query<T>(query)).rows
      } finally {
        await db.query('rollback')
      }
    }

    async function usePolicy(using: string) {
      await db.query('drop policy if exists owner on policy_bench')
      await db.query(
        `create policy owner on policy_bench for select to authenticated using (${using})`,
      )
    }

    async function timeOnce(claims: Claims): Promise<number> {
      const rows = await asCaller<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(
        claims,
        `explain (analyze, format json) ${QUERY}`,
      )
      return rows[0]?.['QUERY PLAN'][0]['Execution Time'] ?? Number.NaN
    }

    // Each case with only the index it wants (another could serve it by luck), or with none.
    // Cases sharing an index take turns within each round.
    async function timeCases(indexed: boolean): Promise<number[][]> {
      const samples: number[][] = CASES.map(() => [])
      const groups = indexed ? [...new Set(CASES.map((definition) => definition.index))] : [null]
      for (const index of groups) {
        await db.query('drop index if exists policy_bench_idx')
        if (index) await db.query(`create index policy_bench_idx on ${index}`)
        await db.query('analyze policy_bench')
        for (let run = 0; run < sizes.runs; run++) {
          progress(`${index ? `index ${index}` : 'no index'}, round ${run + 1} of ${sizes.runs}`)
          for (const [position, definition] of CASES.entries()) {
            if (index && definition.index !== index) continue
            await usePolicy(definition.using(shippedSelect as string))
            samples[position]?.push(await timeOnce(definition.claims))
          }
        }
      }
      await db.query('drop index if exists policy_bench_idx')
      return samples
    }

    const withIndex = await timeCases(true)
    const withoutIndex = await timeCases(false)

    const rowsSeen: number[] = []
    for (const definition of CASES) {
      await usePolicy(definition.using(shippedSelect))
      const [row] = await asCaller<{ count: string }>(
        definition.claims,
        'select count(*) from policy_bench',
      )
      rowsSeen.push(Number(row?.count))
    }

    const kit = CASES.findIndex((definition) => definition.id === 'kit')
    const kitIndexed = spread(withIndex[kit] ?? []).p50
    const kitUnindexed = spread(withoutIndex[kit] ?? []).p50
    const version = (await db.query('show server_version')).rows[0]?.server_version as string
    return {
      sizes,
      postgres: version,
      query: QUERY,
      cases: CASES.map((definition, position) => {
        const indexed = spread(withIndex[position] ?? [])
        const unindexed = spread(withoutIndex[position] ?? [])
        return {
          id: definition.id,
          name: definition.name,
          label: definition.label,
          shipped: definition.shipped,
          index: definition.index,
          rowsSeen: rowsSeen[position] ?? Number.NaN,
          indexed,
          unindexed,
          indexedRatio: ratio(indexed.p50, kitIndexed),
          unindexedRatio: ratio(unindexed.p50, kitUnindexed),
        }
      }),
    }
  } finally {
    await db.end().catch(() => undefined)
    await database.stop()
  }
}

/**
 * The caller's rows are all personal, so every form, the shipped policy's personal case
 * included, lets them see the same rows. Other users' rows alternate personal and
 * organization; every (rows / 2 / callerOrganizationRows)th organization row is the caller's
 * organization's (added by other members), spread over the table as rows added over time are.
 */
async function loadTable(db: pg.Client, sizes: PolicySizes): Promise<void> {
  const half = '(i / 2)'
  const stride = Math.max(1, Math.floor(sizes.rows / 2 / sizes.callerOrganizationRows))
  await db.query(`
    create table policy_bench (id bigint generated always as identity primary key,
                               name text not null, user_id text not null, organization_id text);
    insert into policy_bench (name, user_id, organization_id)
      select 'task ' || i, 'user_' || (${half} % ${sizes.users}),
             case when i % 2 = 1 or 'user_' || (${half} % ${sizes.users}) = '${CALLER}' then null
                  when ${half} % ${stride} = 0 then '${CALLER_ORGANIZATION}'
                  else 'org_' || (1 + ${half} % ${Math.max(1, sizes.organizations - 1)}) end
      from generate_series(1, ${sizes.rows}) as i;
    alter table policy_bench enable row level security;
    grant select on policy_bench to authenticated;`)
  await db.query('vacuum analyze policy_bench')
}
