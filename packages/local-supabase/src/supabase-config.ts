import { readFileSync } from 'node:fs'
import path from 'node:path'
import { supabaseDir } from './paths.ts'

/**
 * `[db] major_version` of supabase/config.toml: the Postgres major `supabase start` runs, and the
 * one hosted projects made from this config get. The local stack must run the same.
 */
export function configuredPostgresMajor(file = path.join(supabaseDir, 'config.toml')): number {
  const text = readFileSync(file, 'utf8')
  const db = text.split(/^\[/m).find((section) => section.startsWith('db]'))
  const value = db?.match(/^major_version\s*=\s*(\d+)\s*$/m)?.[1]
  if (!value) throw new Error(`${file} has no [db] major_version.`)
  return Number(value)
}
