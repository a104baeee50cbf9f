import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { databaseTypesFile, generateDatabaseTypes } from '../scripts/database-types.ts'

describe('src/database.types.ts', () => {
  it('is what the migrations generate today', async () => {
    const committed = await readFile(databaseTypesFile, 'utf8')
    const fresh = await generateDatabaseTypes()
    expect(
      committed === fresh,
      'The Database type is stale: run `pnpm --filter @repo/db db:types` and commit the result.',
    ).toBe(true)
  })
})
