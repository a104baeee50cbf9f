import { readFile } from 'node:fs/promises'
import { databaseTypesFile, generateDatabaseTypes } from '@repo/local-supabase/database-types'
import { describe, expect, it } from 'vitest'

describe('src/database.types.ts', () => {
  it('is what the migrations generate today', async () => {
    const committed = await readFile(databaseTypesFile, 'utf8')
    const fresh = await generateDatabaseTypes()
    expect(
      committed === fresh,
      'The Database type is stale: run `pnpm db:types` and commit the result.',
    ).toBe(true)
  })
})
