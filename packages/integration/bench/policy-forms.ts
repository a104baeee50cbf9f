// How fast each way of writing the owner check runs, on a table of 1 M rows owned by 1,000
// users, with and without the index on user_id; then the kit's shipped select policy, which also
// lets members see their active organization's rows, with and without the (organization_id,
// user_id) index. Prints Markdown tables (packages/db/README.md keeps the last ones).
// Run: pnpm bench:policies
import { startMigratedDatabase } from '@repo/local-supabase'
import pg from 'pg'

const ROWS = 1_000_000
const USERS = 1_000
const ORGANIZATIONS = 100
// The caller's organization is smaller than the others (about 5,000 rows each), so its rows
// and the caller's personal ones are both a sliver of the table, as in a real tenant.
const CALLER_ORGANIZATION_ROWS = 1_000
const RUNS = 15
const CALLER = 'user_42'
const CALLER_ORGANIZATION = 'org_0'

const FORMS = [
  { label: "per row: `auth.jwt() ->> 'sub' = user_id`", sql: `auth.jwt() ->> 'sub' = user_id` },
  {
    label: "before: `(select auth.jwt()) ->> 'sub' = user_id`",
    sql: `(select auth.jwt()) ->> 'sub' = user_id`,
  },
  {
    label: "Clerk’s guide: `(select auth.jwt() ->> 'sub') = user_id`",
    sql: `(select auth.jwt() ->> 'sub') = user_id`,
  },
  {
    label: 'now: `(select public.requesting_user_id()) = user_id`',
    sql: `(select public.requesting_user_id()) = user_id`,
  },
]

type Claims = Record<string, unknown>
const personalCaller: Claims = { sub: CALLER, role: 'authenticated' }
const organizationCaller: Claims = {
  ...personalCaller,
  o: { id: CALLER_ORGANIZATION, rol: 'member', slg: 'acme' },
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const database = await startMigratedDatabase({ onLog: () => undefined })
const db = new pg.Client({ connectionString: database.url })
try {
  await db.connect()
  console.error(`loading ${ROWS.toLocaleString('en')} rows…`)
  // Odd rows are personal, even rows belong to an organization; a user's rows alternate, so
  // each user has as many of each. Every (ROWS / 2 / CALLER_ORGANIZATION_ROWS)th organization
  // row is the caller's organization's, spread over the table like everyone else's rows.
  const half = `(i / 2)`
  await db.query(`
    create table policy_bench (id bigint generated always as identity primary key,
                               name text not null, user_id text not null, organization_id text);
    insert into policy_bench (name, user_id, organization_id)
      select 'task ' || i, 'user_' || (${half} % ${USERS}),
             case when i % 2 = 1 then null
                  when ${half} % ${ROWS / 2 / CALLER_ORGANIZATION_ROWS} = 0 then '${CALLER_ORGANIZATION}'
                  else 'org_' || (1 + ${half} % ${ORGANIZATIONS - 1}) end
      from generate_series(1, ${ROWS}) as i;
    alter table policy_bench enable row level security;
    grant select on policy_bench to authenticated;`)
  await db.query('vacuum analyze policy_bench')

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
      await db.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)])
      return (await db.query<T>(query)).rows
    } finally {
      await db.query('rollback')
    }
  }

  // The caller's share, timed inside Postgres.
  async function timeOnce(claims: Claims): Promise<number> {
    const rows = await asCaller<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(
      claims,
      'explain (analyze, format json) select count(*) from policy_bench',
    )
    return rows[0]?.['QUERY PLAN'][0]['Execution Time'] ?? Number.NaN
  }

  async function usePolicy(using: string) {
    await db.query('drop policy if exists owner on policy_bench')
    await db.query(
      `create policy owner on policy_bench for select to authenticated using (${using})`,
    )
  }

  // Cases take turns within each round, so a warmer cache or a busy moment favours none.
  async function timeCases(cases: { policy: string; claims: Claims }[]): Promise<number[]> {
    const samples: number[][] = cases.map(() => [])
    for (let run = 0; run < RUNS; run++) {
      for (const [index, { policy, claims }] of cases.entries()) {
        await usePolicy(policy)
        samples[index]?.push(await timeOnce(claims))
      }
    }
    return samples.map(median)
  }

  const formCases = FORMS.map((form) => ({ policy: form.sql, claims: personalCaller }))
  await db.query('create index policy_bench_user_id_idx on policy_bench (user_id)')
  const indexed = await timeCases(formCases)
  await db.query('drop index policy_bench_user_id_idx')
  const unindexed = await timeCases(formCases)

  // Without the composite index the table has what it had before organizations: user_id's.
  const CALLERS = [
    { label: 'no active organization (personal)', claims: personalCaller },
    {
      label: `active organization of ${CALLER_ORGANIZATION_ROWS.toLocaleString('en')} rows`,
      claims: organizationCaller,
    },
  ]
  const callerCases = CALLERS.map(({ claims }) => ({ policy: shippedSelect, claims }))
  await db.query('create index policy_bench_user_id_idx on policy_bench (user_id)')
  const userIdOnly = await timeCases(callerCases)
  await db.query(
    'create index policy_bench_organization_id_user_id_idx on policy_bench (organization_id, user_id)',
  )
  const composite = await timeCases(callerCases)
  await usePolicy(shippedSelect)
  const seen: number[] = []
  for (const { claims } of CALLERS) {
    const [row] = await asCaller<{ count: string }>(claims, 'select count(*) from policy_bench')
    seen.push(Number(row?.count))
  }

  const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`
  const ratio = (value: number, base: number | undefined) =>
    base ? `${(value / base).toFixed(2)}×` : ''
  const version = (await db.query('show server_version')).rows[0]?.server_version
  console.log(
    `Median of ${RUNS} runs of \`select count(*)\` as one user (${(ROWS / USERS).toLocaleString('en')} of ${ROWS.toLocaleString('en')} rows), Postgres ${version}.\n`,
  )
  console.log('| policy | with index | vs guide | without index | vs guide |')
  console.log('| --- | --- | --- | --- | --- |')
  for (const [index, form] of FORMS.entries()) {
    const row = { indexed: indexed[index] ?? Number.NaN, unindexed: unindexed[index] ?? Number.NaN }
    console.log(
      `| ${form.label} | ${ms(row.indexed)} | ${ratio(row.indexed, indexed[2])} | ${ms(row.unindexed)} | ${ratio(row.unindexed, unindexed[2])} |`,
    )
  }
  console.log(
    `\nThe shipped select policy, as ${CALLER}: half the rows personal, half in ${ORGANIZATIONS} organizations. Median of ${RUNS} runs.\n`,
  )
  console.log(
    '| caller | rows seen | with `(organization_id, user_id)` | vs personal | `user_id` index only | vs personal |',
  )
  console.log('| --- | --- | --- | --- | --- | --- |')
  for (const [index, caller] of CALLERS.entries()) {
    const row = {
      composite: composite[index] ?? Number.NaN,
      userIdOnly: userIdOnly[index] ?? Number.NaN,
    }
    console.log(
      `| ${caller.label} | ${seen[index]?.toLocaleString('en')} | ${ms(row.composite)} | ${ratio(row.composite, composite[0])} | ${ms(row.userIdOnly)} | ${ratio(row.userIdOnly, userIdOnly[0])} |`,
    )
  }
} finally {
  await db.end().catch(() => undefined)
  await database.stop()
}
