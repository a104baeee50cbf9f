import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { databaseTypesFile, generateDatabaseTypes } from '../src/database-types.ts'

await writeFile(databaseTypesFile, await generateDatabaseTypes())
console.log(`Wrote ${fileURLToPath(databaseTypesFile)}`)
