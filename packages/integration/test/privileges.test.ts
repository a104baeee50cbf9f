// Every object in public grants each API role exactly what the privilege manifest
// (packages/db/src/privileges.ts) says, on a database bootstrapped as hosted Supabase is today:
// no default privileges, so a table a migration adds without its grants is unreachable there.
// The second half proves the check can fail, and that its message names the table, the role and
// the privilege.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { privileges } from '@repo/db/privileges'
import { migrationsDir, type RunningDatabase, startMigratedDatabase } from '@repo/local-supabase'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { privilegeProblems } from './support/privileges.ts'

async function withClient<T>(url: string, use: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  try {
    return await use(db)
  } finally {
    await db.end()
  }
}

describe('the migrated database', () => {
  let database: RunningDatabase
  beforeAll(async () => {
    database = await startMigratedDatabase({ onLog: () => undefined })
  })
  afterAll(async () => {
    await database?.stop()
  })

  it('grants every role exactly what the privilege manifest lists', async () => {
    expect(await withClient(database.url, (db) => privilegeProblems(db, privileges))).toEqual([])
  })
})

// A project whose tables were made before 2026-10-30 kept Supabase's old default grants (ALL to
// every API role), and so may `supabase start`: the migrations must take those back too.
describe('the migrated database of a project made with the old default grants', () => {
  let database: RunningDatabase
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'privileges-legacy-'))
    await cp(migrationsDir, dir, { recursive: true })
    await writeFile(
      path.join(dir, '00000000000000_old_default_grants.sql'),
      ['tables', 'sequences', 'functions']
        .map(
          (kind) =>
            `alter default privileges for role postgres in schema public grant all on ${kind} to anon, authenticated, service_role;`,
        )
        .join('\n'),
    )
    database = await startMigratedDatabase({ migrationsDir: dir, onLog: () => undefined })
  })
  afterAll(async () => {
    await database?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('still grants every role exactly what the privilege manifest lists', async () => {
    expect(await withClient(database.url, (db) => privilegeProblems(db, privileges))).toEqual([])
  })
})

// The scratch table's user_id defaults to the caller, so a user's deletion deletes from it too,
// and it grants service_role no DELETE: every user.deleted delivery would fail.
const CANNOT_DELETE_USERS_ROWS =
  "public.notes: its user_id defaults to requesting_user_id(), so a user's deletion (clerk_delete_user, with the secret key) deletes their rows from it, but service_role lacks DELETE. Grant it in a migration and list it in packages/db/src/privileges.ts, or give user_id another default."

describe('a migration that adds a table and forgets its grants', () => {
  let database: RunningDatabase
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'privileges-'))
    await cp(migrationsDir, dir, { recursive: true })
    await writeFile(
      path.join(dir, '29991231000000_notes.sql'),
      `create table public.notes (id bigint primary key generated always as identity,
         user_id text not null default public.requesting_user_id(), body text not null);
       alter table public.notes enable row level security;
       create policy "Users can view their own notes" on public.notes for select
         to authenticated using ((select public.requesting_user_id()) = user_id);`,
    )
    database = await startMigratedDatabase({ migrationsDir: dir, onLog: () => undefined })
  })
  afterAll(async () => {
    await database?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('fails the check before the table is in the manifest, naming table, role and privilege', async () => {
    const problems = await withClient(database.url, (db) => privilegeProblems(db, privileges))
    expect(problems).toContain(
      'public.notes is not in the privilege manifest (packages/db/src/privileges.ts): say there what anon, authenticated, service_role may do with it, and grant exactly that in a migration.',
    )
    expect(problems).toContain(
      'public.notes: policy "Users can view their own notes" is for authenticated, but authenticated lacks SELECT on the table, so the policy never applies. Grant it in a migration and list it in packages/db/src/privileges.ts.',
    )
  })

  it('fails the check once the manifest lists it but no migration grants it', async () => {
    const manifest = {
      ...privileges,
      tables: { ...privileges.tables, notes: { authenticated: ['SELECT' as const] } },
    }
    const problems = await withClient(database.url, (db) => privilegeProblems(db, manifest))
    expect(problems).toEqual([
      'public.notes: authenticated lacks SELECT, which the privilege manifest grants. Add "GRANT SELECT ON TABLE public.notes TO authenticated;" to a migration.',
      'public.notes: policy "Users can view their own notes" is for authenticated, but authenticated lacks SELECT on the table, so the policy never applies. Grant it in a migration and list it in packages/db/src/privileges.ts.',
      CANNOT_DELETE_USERS_ROWS,
    ])
  })

  it('names a privilege granted beyond the manifest', async () => {
    await withClient(database.url, (db) =>
      db.query(
        `grant insert (body) on public.notes to anon; grant select on public.notes to authenticated;
         -- Neither is a problem: FOR ALL needs one of its commands, a policy for everyone one role.
         create policy "Signed-in users may read notes" on public.notes for all to authenticated
           using (true);
         create policy "Nobody else" on public.notes for select using (false);`,
      ),
    )
    const manifest = {
      ...privileges,
      tables: { ...privileges.tables, notes: { authenticated: ['SELECT' as const] } },
    }
    expect(await withClient(database.url, (db) => privilegeProblems(db, manifest))).toEqual([
      'public.notes: anon holds INSERT on column body, which the privilege manifest (packages/db/src/privileges.ts) does not grant.',
      CANNOT_DELETE_USERS_ROWS,
    ])
  })
})
