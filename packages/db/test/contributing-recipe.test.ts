// CONTRIBUTING.md's walk-through shows Drizzle code for a `notes` table and the SQL
// `pnpm db:generate` writes for it; packages/integration applies that SQL and checks what each
// user may read. This holds the two together: the recipe's code, run as written against the
// committed schema, generates exactly the recipe's SQL, for the personal table and for the
// organization-scoped change.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type DrizzleSnapshotJSON, generateDrizzleJson, generateMigration } from 'drizzle-kit/api'
import { sql } from 'drizzle-orm'
import { bigint, check, index, pgPolicy, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { authenticatedRole } from 'drizzle-orm/supabase'
import { describe, expect, it } from 'vitest'
import { clerkOrgId, clerkOrgRole, clerkUserId, hasClerkUser } from '../src/clerk-claims.ts'
import * as schema from '../src/schema.ts'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const metaDir = path.join(root, 'supabase/migrations/meta')

async function recipeBlocks(): Promise<Map<string, string>> {
  const text = await readFile(path.join(root, 'CONTRIBUTING.md'), 'utf8')
  const blocks = new Map<string, string>()
  for (const match of text.matchAll(/<!-- recipe: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g)) {
    blocks.set(match[1] as string, match[2] as string)
  }
  return blocks
}

/** What schema.ts imports, which the recipe's code uses as if it were written there. */
const scope = {
  sql,
  bigint,
  check,
  index,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  authenticatedRole,
  clerkUserId,
  clerkOrgId,
  clerkOrgRole,
  hasClerkUser,
}

/** Runs a recipe block (plain JavaScript: `export const notes = …`) and returns its table. */
function recipeTable(code: string): unknown {
  const body = `${code.replace(/^export const notes\b/m, 'const notes')}\nreturn notes`
  return new Function(...Object.keys(scope), body)(...Object.values(scope))
}

async function latestSnapshot(): Promise<DrizzleSnapshotJSON> {
  const journal = JSON.parse(await readFile(path.join(metaDir, '_journal.json'), 'utf8')) as {
    entries: { tag: string }[]
  }
  const version = journal.entries.at(-1)?.tag.split('_')[0]
  return JSON.parse(await readFile(path.join(metaDir, `${version}_snapshot.json`), 'utf8'))
}

/** The migration file drizzle-kit would write: its statements, with its breakpoints. */
const asFile = (statements: string[]) => statements.join('--> statement-breakpoint\n')

describe('CONTRIBUTING’s notes recipe', () => {
  it('generates, from its Drizzle code, exactly the migrations it shows', async () => {
    const blocks = await recipeBlocks()
    const need = (name: string) => {
      const found = blocks.get(name)
      expect(found, `CONTRIBUTING.md has no "<!-- recipe: ${name} -->" block`).toBeDefined()
      return found as string
    }
    const committed = await latestSnapshot()
    const personal = generateDrizzleJson(
      { ...schema, notes: recipeTable(need('notes-schema')) },
      committed.id,
    )
    expect(asFile(await generateMigration(committed, personal))).toBe(need('notes.sql'))
    const shared = generateDrizzleJson(
      { ...schema, notes: recipeTable(need('notes-schema-organizations')) },
      personal.id,
    )
    expect(asFile(await generateMigration(personal, shared))).toBe(need('notes_organizations.sql'))
  })
})
