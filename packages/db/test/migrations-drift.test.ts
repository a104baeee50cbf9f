// Fails when src/schema.ts and the committed supabase/migrations disagree, i.e. someone changed
// the schema without running `pnpm --filter @repo/db db:generate` (or edited generated files).
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type DrizzleSnapshotJSON, generateDrizzleJson, generateMigration } from 'drizzle-kit/api'
import { describe, expect, it } from 'vitest'
import * as schema from '../src/schema.ts'

interface Journal {
  entries: { idx: number; tag: string }[]
}

const migrationsDir = fileURLToPath(new URL('../../../supabase/migrations', import.meta.url))
const metaDir = path.join(migrationsDir, 'meta')

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T
}

describe('committed migrations', () => {
  it('match the Drizzle schema (no pending change)', async () => {
    const journal = await readJson<Journal>(path.join(metaDir, '_journal.json'))
    const last = journal.entries.at(-1)
    expect(last, 'no migration in the journal: run db:generate').toBeDefined()
    const snapshotVersion = last?.tag.split('_')[0]
    const previous = await readJson<DrizzleSnapshotJSON>(
      path.join(metaDir, `${snapshotVersion}_snapshot.json`),
    )
    const current = generateDrizzleJson(schema, previous.id)
    const pending = await generateMigration(previous, current)
    expect(
      pending,
      'src/schema.ts has changes with no migration: run `pnpm --filter @repo/db db:generate`',
    ).toEqual([])
  })

  it('have one SQL file per journal entry and nothing else', async () => {
    const journal = await readJson<Journal>(path.join(metaDir, '_journal.json'))
    const sqlFiles = (await readdir(migrationsDir)).filter((file) => file.endsWith('.sql')).sort()
    expect(sqlFiles).toEqual(journal.entries.map((entry) => `${entry.tag}.sql`).sort())
  })
})
