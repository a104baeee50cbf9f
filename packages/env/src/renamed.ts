// Variables the kit has renamed. An env that worked before still works: the old name is read
// when the new one is not set, and says once what to rename it to. Both names set to different
// values is an error, because which one the user meant would be a guess.
import { z } from 'zod'
import { warnOnce } from './warn-once.ts'

/**
 * Every renamed variable, current name → old name: the one list the env modules and the dev
 * tooling (`@repo/dev-stack`'s groups) read, so an old name is honoured wherever the new one is.
 */
export const RENAMED_VARIABLES = {
  // The Supabase dashboard's names for the two keys; the old ones are Clerk's Supabase guide's
  // (_KEY) and the legacy JWT keys' (service_role).
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'NEXT_PUBLIC_SUPABASE_KEY',
  SUPABASE_PUBLISHABLE_KEY: 'SUPABASE_KEY',
  SUPABASE_SECRET_KEY: 'SUPABASE_SERVICE_ROLE_KEY',
  // local-supabase's overrides of this checkout's keys, named after the app variables they fill.
  LOCAL_SUPABASE_PUBLISHABLE_KEY: 'LOCAL_SUPABASE_ANON_KEY',
  LOCAL_SUPABASE_SECRET_KEY: 'LOCAL_SUPABASE_SERVICE_ROLE_KEY',
} as const

export type RenamedVariable = keyof typeof RENAMED_VARIABLES

/** The env a renamed field reads: any env, or an app's own object of both names. */
export type RenamedRuntimeEnv = Readonly<
  Partial<Record<RenamedVariable | (typeof RENAMED_VARIABLES)[RenamedVariable], string | undefined>>
>

/** The old name `name` is still read under, if it was renamed. */
export function oldNameOf(name: string): string | undefined {
  return Object.hasOwn(RENAMED_VARIABLES, name)
    ? RENAMED_VARIABLES[name as RenamedVariable]
    : undefined
}

const blankAsUnset = (value: string | undefined) => value?.trim() || undefined

/**
 * The field of a renamed variable, read under its current name or its old one.
 *
 * - Old name unset: `field(name)`, as if it had never been renamed.
 * - Old name set (alone, or with the same value under the new name): its value is used, and one
 *   console.warn line per process names the new name.
 * - Both set to different values: the field's one problem names both.
 *
 * t3-env hands each field only its own variable, so this field reads both names from
 * `runtimeEnv`: pass the same env to `createEnv`.
 *
 * @param field makes the field; `label` is how its messages name the variable: the old name, and
 *   what it was renamed to, when the value came from there
 */
export function renamedField<S extends z.ZodType>(
  runtimeEnv: RenamedRuntimeEnv,
  name: RenamedVariable,
  field: (label: string) => S,
): S | z.ZodPreprocess<S> {
  const oldName = RENAMED_VARIABLES[name]
  const value = blankAsUnset(runtimeEnv[name])
  const oldValue = blankAsUnset(runtimeEnv[oldName])
  if (oldValue === undefined) return field(name)
  if (value !== undefined && value !== oldValue) {
    return z.preprocess((_input, context) => {
      context.addIssue({
        code: 'custom',
        message: `${name} and ${oldName} (its old name) are both set, to different values, so which one is meant is unclear. Keep ${name} and remove ${oldName}.`,
      })
    }, field(name))
  }
  warnOnce(`${oldName} is an old name, still read: rename it to ${name}.`)
  if (value !== undefined) return field(name)
  return z.preprocess(() => runtimeEnv[oldName], field(`${oldName} (the old name of ${name})`))
}
