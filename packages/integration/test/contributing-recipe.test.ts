// CONTRIBUTING.md's walk-through, followed literally: its `notes` migrations and manifest entry
// are read from the file, applied after the kit's migrations as a project would apply them
// (`supabase db push`), and held to what the recipe promises: the grants match the manifest,
// owners and organization members read what they should and nobody else does, and deleting a
// user removes their personal notes and keeps their organization's. Change the recipe and this
// runs the new text; let it rot and this fails. (packages/db's recipe test checks that its
// Drizzle code generates exactly this SQL.)

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { type PrivilegeManifest, privileges } from '@repo/db/privileges'
import { seededOrganizations, seededUsers } from '@repo/local-stack'
import { migrationsDir, repoRoot } from '@repo/local-supabase'
import type { SessionClaims } from '@repo/local-supabase/testing'
import { createClient } from '@supabase/supabase-js'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { privilegeProblems } from './support/privileges.ts'
import { type RlsStack, startRlsStack } from './support/rls-stack.ts'

/** The fenced block after each `<!-- recipe: name -->` in CONTRIBUTING.md, by name. */
export async function recipeBlocks(): Promise<Map<string, string>> {
  const text = await readFile(path.join(repoRoot, 'CONTRIBUTING.md'), 'utf8')
  const blocks = new Map<string, string>()
  for (const match of text.matchAll(/<!-- recipe: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g)) {
    blocks.set(match[1] as string, match[2] as string)
  }
  return blocks
}

function block(blocks: Map<string, string>, name: string): string {
  const found = blocks.get(name)
  if (found === undefined)
    throw new Error(`CONTRIBUTING.md has no "<!-- recipe: ${name} -->" block`)
  return found
}

/** The kit's migrations plus the recipe's, in a folder of their own. */
async function migrationsWith(names: string[]): Promise<string> {
  const blocks = await recipeBlocks()
  const dir = await mkdtemp(path.join(os.tmpdir(), 'recipe-migrations-'))
  await cp(migrationsDir, dir, { recursive: true })
  for (const [index, name] of names.entries()) {
    const file = `2999123100000${index}_${name.replace(/\.sql$/, '')}.sql`
    await writeFile(path.join(dir, file), block(blocks, name))
  }
  return dir
}

/** The kit's manifest with the recipe's `notes` entry, evaluated as the object literal it is. */
async function manifestWithNotes(): Promise<PrivilegeManifest> {
  const entry = block(await recipeBlocks(), 'privileges.ts')
  const tables = new Function(`return {${entry}}`)() as PrivilegeManifest['tables']
  expect(Object.keys(tables)).toEqual(['notes'])
  return { ...privileges, tables: { ...privileges.tables, ...tables } }
}

const { alice, bob, carol } = seededUsers()
const { acme, globex } = seededOrganizations()
const personal = (sub: string): SessionClaims => ({ sub })
const member = (sub: string, id: string, role: 'admin' | 'member' = 'member'): SessionClaims => ({
  sub,
  organization: { id, role },
})

interface Note {
  id: number
  body: string
  user_id: string
  organization_id?: string | null
}

/** A stack migrated with the kit's migrations and the recipe's, and the calls the tests make. */
async function recipeStack(names: string[]) {
  const dir = await migrationsWith(names)
  const rls: RlsStack = await startRlsStack({ migrationsDir: dir })
  // The Database type does not know `notes`: it is this test's table, not the kit's.
  // biome-ignore lint/suspicious/noExplicitAny: a table the generated type does not have
  const as = (claims: SessionClaims) => rls.clientAs<any>(claims)
  const service = createClient(rls.stack.url, rls.stack.serviceRoleKey, {
    auth: { persistSession: false },
  })
  const stored = async () => {
    const { data, error } = await service.from('notes').select('*').order('id')
    expect(error).toBeNull()
    return (data as Note[]).map(({ body, user_id, organization_id }) => ({
      body,
      user_id,
      ...(organization_id === undefined ? {} : { organization_id }),
    }))
  }
  const add = async (claims: SessionClaims, body: string) => {
    const { data, error } = await (await as(claims))
      .from('notes')
      .insert({ body })
      .select()
      .single()
    expect(error).toBeNull()
    return data as Note
  }
  const bodies = async (claims: SessionClaims) => {
    const { data, error } = await (await as(claims)).from('notes').select('body').order('id')
    expect(error).toBeNull()
    return (data as { body: string }[]).map((row) => row.body)
  }
  let delivery = 0
  const deleteUser = async (id: string) => {
    const { data, error } = await service.rpc('clerk_delete_user', {
      p_svix_id: `msg_recipe_${++delivery}`,
      p_event_type: 'user.deleted',
      p_id: id,
      p_deleted_at: new Date().toISOString(),
    })
    expect(error).toBeNull()
    expect(data).toBe('applied')
  }
  const withDb = async <T>(use: (db: pg.Client) => Promise<T>) => {
    const db = new pg.Client({ connectionString: rls.stack.dbUrl })
    await db.connect()
    try {
      return await use(db)
    } finally {
      await db.end()
    }
  }
  const stop = async () => {
    await rls.stack.stop()
    await rm(dir, { recursive: true, force: true })
  }
  return { rls, as, service, stored, add, bodies, deleteUser, withDb, stop }
}

describe('the recipe’s personal notes', () => {
  let kit: Awaited<ReturnType<typeof recipeStack>>
  beforeAll(async () => {
    kit = await recipeStack(['notes.sql', 'notes_privileges.sql'])
  })
  afterAll(async () => {
    await kit?.stop()
  })

  it('grant every role what the recipe’s manifest entry lists, and nothing more', async () => {
    const manifest = await manifestWithNotes()
    expect(await kit.withDb((db) => privilegeProblems(db, manifest))).toEqual([])
  })

  it('belong to their owner: others neither see, change nor delete them', async () => {
    const hers = await kit.add(personal(alice.id), 'alice’s note')
    await kit.add(personal(bob.id), 'bob’s note')
    expect(hers.user_id).toBe(alice.id)
    expect(await kit.bodies(personal(alice.id))).toEqual(['alice’s note'])
    expect(await kit.bodies(personal(bob.id))).toEqual(['bob’s note'])
    const bobs = await kit.as(personal(bob.id))
    const changed = await bobs.from('notes').update({ body: 'bob was here' }).eq('id', hers.id)
    const deleted = await bobs.from('notes').delete().eq('id', hers.id)
    expect([changed.error, deleted.error]).toEqual([null, null])
    expect(await kit.stored()).toEqual([
      { body: 'alice’s note', user_id: alice.id },
      { body: 'bob’s note', user_id: bob.id },
    ])
  })

  it('refuse a forged owner or id, and the anon key', async () => {
    const bobs = await kit.as(personal(bob.id))
    const forgedOwner = await bobs.from('notes').insert({ body: 'as alice', user_id: alice.id })
    const forgedId = await bobs.from('notes').insert({ body: 'my id', id: 1 })
    const anon = createClient(kit.rls.stack.url, kit.rls.stack.anonKey, {
      auth: { persistSession: false },
    })
    const anonRead = await anon.from('notes').select('body')
    // Not a column anyone may write; an identity column's value is the database's to choose.
    expect([forgedOwner.error?.code, forgedId.error?.code]).toEqual(['42501', '428C9'])
    expect([anonRead.error?.code, anonRead.status]).toEqual(['42501', 401])
    expect(await kit.stored()).toHaveLength(2)
  })

  it('go with their owner when Clerk deletes them', async () => {
    await kit.deleteUser(alice.id)
    expect(await kit.stored()).toEqual([{ body: 'bob’s note', user_id: bob.id }])
  })

  it('make the privilege check name a user-owned table the secret key cannot delete from', async () => {
    const manifest = await manifestWithNotes()
    const problems = await kit.withDb(async (db) => {
      await db.query('begin')
      try {
        await db.query('revoke delete on public.notes from service_role')
        return await privilegeProblems(db, manifest)
      } finally {
        await db.query('rollback')
      }
    })
    expect(problems).toContain(
      "public.notes: its user_id defaults to requesting_user_id(), so a user's deletion (clerk_delete_user, with the secret key) deletes their rows from it, but service_role lacks DELETE. Grant it in a migration and list it in packages/db/src/privileges.ts, or give user_id another default.",
    )
  })
})

describe('a user’s deletion, beside the recipe', () => {
  let kit: Awaited<ReturnType<typeof recipeStack>>
  beforeAll(async () => {
    kit = await recipeStack(['notes.sql', 'notes_privileges.sql'])
  })
  afterAll(async () => {
    await kit?.stop()
  })

  it('keeps the rows of a table whose user_id does not default to the token’s user', async () => {
    await kit.add(personal(bob.id), 'bob’s note')
    const kept = () =>
      kit.withDb(async (db) => (await db.query('select user_id from public.audit')).rows)
    await kit.withDb(async (db) => {
      await db.query(`create table public.audit (user_id text not null, what text not null);
        alter table public.audit enable row level security;
        grant select, delete on public.audit to service_role;`)
      await db.query(`insert into public.audit values ($1, 'signed in')`, [bob.id])
    })
    await kit.deleteUser(bob.id)
    expect(await kit.stored()).toEqual([])
    expect(await kept()).toEqual([{ user_id: bob.id }])
  })
})

describe('the recipe’s organization-scoped notes', () => {
  let kit: Awaited<ReturnType<typeof recipeStack>>
  beforeAll(async () => {
    kit = await recipeStack(['notes.sql', 'notes_privileges.sql', 'notes_organizations.sql'])
  })
  afterAll(async () => {
    await kit?.stop()
  })

  it('need no change to the grants or the manifest', async () => {
    const manifest = await manifestWithNotes()
    expect(await kit.withDb((db) => privilegeProblems(db, manifest))).toEqual([])
  })

  it('are stamped with the active organization and shown to its members only', async () => {
    const shared = await kit.add(member(alice.id, acme.id, 'admin'), 'acme plan')
    await kit.add(personal(alice.id), 'alice’s own')
    await kit.add(member(bob.id, acme.id), 'bob in acme')
    expect(shared.organization_id).toBe(acme.id)
    expect(await kit.bodies(member(bob.id, acme.id))).toEqual(['acme plan', 'bob in acme'])
    expect(await kit.bodies(member(alice.id, acme.id, 'admin'))).toEqual([
      'acme plan',
      'bob in acme',
    ])
    // A personal note is its owner's while no organization is active.
    expect(await kit.bodies(personal(alice.id))).toEqual(['alice’s own'])
    expect(await kit.bodies(personal(bob.id))).toEqual([])
    expect(await kit.bodies(member(carol.id, globex.id, 'admin'))).toEqual([])
  })

  it('go only by their author or an admin, and never move to another organization', async () => {
    const bobs = await kit.as(member(bob.id, acme.id))
    const [acmePlan] = (await kit.service.from('notes').select('id').eq('body', 'acme plan'))
      .data as { id: number }[]
    const refused = await bobs.from('notes').delete().eq('id', acmePlan?.id).select()
    expect([refused.error, refused.data]).toEqual([null, []])
    const moved = await bobs.from('notes').update({ organization_id: globex.id }).eq('id', 1)
    expect(moved.error?.code).toBe('42501')
    const forged = await bobs
      .from('notes')
      .insert({ body: 'into globex', organization_id: globex.id })
    expect(forged.error?.code).toBe('42501')
  })

  it('stay for the organization when their author is deleted; personal ones go', async () => {
    await kit.deleteUser(alice.id)
    expect(await kit.stored()).toEqual([
      { body: 'acme plan', user_id: alice.id, organization_id: acme.id },
      { body: 'bob in acme', user_id: bob.id, organization_id: acme.id },
    ])
    expect(await kit.bodies(member(bob.id, acme.id))).toEqual(['acme plan', 'bob in acme'])
  })
})
