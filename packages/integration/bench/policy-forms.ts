// How fast each way of writing the owner check runs, on a table of 1 M rows owned by 1,000
// users, with and without the index on user_id. Prints a Markdown table (packages/db/README.md
// keeps the last one). Run: pnpm bench:policies
import { startMigratedDatabase } from '@repo/local-supabase'
import pg from 'pg'

const ROWS = 1_000_000
const USERS = 1_000
const RUNS = 15

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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const database = await startMigratedDatabase({ onLog: () => undefined })
const db = new pg.Client({ connectionString: database.url })
try {
  await db.connect()
  console.error(`loading ${ROWS.toLocaleString('en')} rows…`)
  await db.query(`
    create table policy_bench (id bigint generated always as identity primary key,
                               name text not null, user_id text not null);
    insert into policy_bench (name, user_id)
      select 'task ' || i, 'user_' || (i % ${USERS}) from generate_series(1, ${ROWS}) as i;
    alter table policy_bench enable row level security;
    grant select on policy_bench to authenticated;`)
  await db.query('vacuum analyze policy_bench')

  // The caller's share, as PostgREST would ask for it, timed inside Postgres.
  async function timeOnce(): Promise<number> {
    await db.query('begin')
    try {
      await db.query('set local role authenticated')
      await db.query('set local statement_timeout = 0')
      await db.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: 'user_42', role: 'authenticated' }),
      ])
      const { rows } = await db.query<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(
        'explain (analyze, format json) select count(*) from policy_bench',
      )
      return rows[0]?.['QUERY PLAN'][0]['Execution Time'] ?? Number.NaN
    } finally {
      await db.query('rollback')
    }
  }

  // Forms take turns within each round, so a warmer cache or a busy moment favours none.
  async function timeForms(): Promise<number[]> {
    const samples: number[][] = FORMS.map(() => [])
    for (let run = 0; run < RUNS; run++) {
      for (const [index, form] of FORMS.entries()) {
        await db.query('drop policy if exists owner on policy_bench')
        await db.query(
          `create policy owner on policy_bench for select to authenticated using (${form.sql})`,
        )
        samples[index]?.push(await timeOnce())
      }
    }
    return samples.map(median)
  }

  await db.query('create index policy_bench_user_id_idx on policy_bench (user_id)')
  const indexed = await timeForms()
  await db.query('drop index policy_bench_user_id_idx')
  const unindexed = await timeForms()
  const results = FORMS.map((form, index) => ({
    label: form.label,
    indexed: indexed[index] ?? Number.NaN,
    unindexed: unindexed[index] ?? Number.NaN,
  }))

  const guide = results[2]
  const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`
  const ratio = (value: number, base: number | undefined) =>
    base ? `${(value / base).toFixed(2)}×` : ''
  console.log(
    `Median of ${RUNS} runs of \`select count(*)\` as one user (1,000 of ${ROWS.toLocaleString('en')} rows), Postgres ${(await db.query('show server_version')).rows[0]?.server_version}.\n`,
  )
  console.log('| policy | with index | vs guide | without index | vs guide |')
  console.log('| --- | --- | --- | --- | --- |')
  for (const row of results) {
    console.log(
      `| ${row.label} | ${ms(row.indexed)} | ${ratio(row.indexed, guide?.indexed)} | ${ms(row.unindexed)} | ${ratio(row.unindexed, guide?.unindexed)} |`,
    )
  }
} finally {
  await db.end().catch(() => undefined)
  await database.stop()
}
