// Compares what the API roles really hold on every object in public with the privilege manifest
// (packages/db/src/privileges.ts), and what each RLS policy needs with what its roles hold.
// Each problem is one sentence naming the object, the role and the privilege.
import {
  API_ROLES,
  type PrivilegeManifest,
  SEQUENCE_PRIVILEGES,
  TABLE_PRIVILEGES,
  type TablePrivilege,
} from '@repo/db/privileges'
import type pg from 'pg'

const MANIFEST_FILE = 'packages/db/src/privileges.ts'
const COLUMN_PRIVILEGES = new Set<TablePrivilege>(['SELECT', 'INSERT', 'UPDATE', 'REFERENCES'])

interface Expected {
  /** Privileges on the whole table. */
  table: Set<TablePrivilege>
  /** Column privileges given column by column. */
  columns: Map<TablePrivilege, Set<string>>
}

function expectedGrants(grants: readonly string[] = []): Expected {
  const expected: Expected = { table: new Set(), columns: new Map() }
  for (const grant of grants) {
    const match = grant.match(/^(\w+)(?:\s*\((.*)\))?$/)
    const privilege = match?.[1] as TablePrivilege
    if (!match?.[2]) {
      expected.table.add(privilege)
      continue
    }
    const columns = expected.columns.get(privilege) ?? new Set<string>()
    for (const column of match[2].split(',')) columns.add(column.trim())
    expected.columns.set(privilege, columns)
  }
  return expected
}

/**
 * What a policy's command needs its role to hold for it ever to apply. A FOR ALL policy applies
 * to whichever commands the role may run, so it needs one of the four, not all of them (a
 * read-only table may have one).
 */
const POLICY_PRIVILEGES: Record<string, TablePrivilege[]> = {
  SELECT: ['SELECT'],
  INSERT: ['INSERT'],
  UPDATE: ['UPDATE'],
  DELETE: ['DELETE'],
  ALL: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
}

export async function privilegeProblems(
  db: pg.Client,
  manifest: PrivilegeManifest,
): Promise<string[]> {
  const problems: string[] = []
  const roles = [...API_ROLES]

  const tables = await db.query<{
    name: string
    role: (typeof API_ROLES)[number]
    privilege: TablePrivilege
    granted: boolean
  }>(
    `select c.relname as name, r.role, p.privilege,
            has_table_privilege(r.role, c.oid, p.privilege) as granted
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       cross join unnest($1::text[]) as r(role)
       cross join unnest($2::text[]) as p(privilege)
      where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
      order by 1, 2, 3`,
    [roles, [...TABLE_PRIVILEGES]],
  )
  const columns = await db.query<{
    name: string
    column: string
    role: (typeof API_ROLES)[number]
    privilege: TablePrivilege
    granted: boolean
  }>(
    `select c.relname as name, a.attname as column, r.role, p.privilege,
            has_column_privilege(r.role, c.oid, a.attnum, p.privilege) as granted
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
       cross join unnest($1::text[]) as r(role)
       cross join unnest($2::text[]) as p(privilege)
      where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
      order by 1, 2, 3, 4`,
    [roles, [...COLUMN_PRIVILEGES]],
  )

  const tableNames = new Set(tables.rows.map((row) => row.name))
  for (const name of tableNames) {
    if (!Object.hasOwn(manifest.tables, name)) {
      problems.push(
        `public.${name} is not in the privilege manifest (${MANIFEST_FILE}): say there what ${roles.join(', ')} may do with it, and grant exactly that in a migration.`,
      )
    }
  }
  for (const name of Object.keys(manifest.tables)) {
    if (!tableNames.has(name)) {
      problems.push(`public.${name} is in the privilege manifest but not in the database.`)
    }
  }

  for (const row of tables.rows) {
    const entry = manifest.tables[row.name]
    if (!entry) continue
    const expected = expectedGrants(entry[row.role])
    const wanted = expected.table.has(row.privilege)
    if (wanted && !row.granted) {
      problems.push(
        `public.${row.name}: ${row.role} lacks ${row.privilege}, which the privilege manifest grants. Add "GRANT ${row.privilege} ON TABLE public.${row.name} TO ${row.role};" to a migration.`,
      )
    } else if (!wanted && row.granted) {
      problems.push(
        `public.${row.name}: ${row.role} holds ${row.privilege} on the whole table, which the privilege manifest (${MANIFEST_FILE}) does not grant. Revoke it in a migration, or list it there if it is meant.`,
      )
    }
  }
  for (const row of columns.rows) {
    const entry = manifest.tables[row.name]
    if (!entry) continue
    const expected = expectedGrants(entry[row.role])
    if (expected.table.has(row.privilege)) continue
    const wanted = expected.columns.get(row.privilege)?.has(row.column) ?? false
    if (wanted && !row.granted) {
      problems.push(
        `public.${row.name}: ${row.role} lacks ${row.privilege} on column ${row.column}, which the privilege manifest grants. Add "GRANT ${row.privilege} (${row.column}) ON TABLE public.${row.name} TO ${row.role};" to a migration.`,
      )
    } else if (!wanted && row.granted) {
      problems.push(
        `public.${row.name}: ${row.role} holds ${row.privilege} on column ${row.column}, which the privilege manifest (${MANIFEST_FILE}) does not grant.`,
      )
    }
  }

  // A policy for a role that lacks the privilege never applies: the table is unreachable for
  // that role, though the policy reads as if it were not. Named even when the manifest forgot it.
  const policies = await db.query<{
    name: string
    policy: string
    command: string
    role: string
    everyone: boolean
    granted: Record<string, boolean>
  }>(
    `select p.tablename as name, p.policyname as policy, p.cmd as command, r.role,
            'public' = any(p.roles) as everyone,
            jsonb_build_object(
              'SELECT', has_any_column_privilege(r.role, c.oid, 'SELECT'),
              'INSERT', has_any_column_privilege(r.role, c.oid, 'INSERT'),
              'UPDATE', has_any_column_privilege(r.role, c.oid, 'UPDATE'),
              'DELETE', has_table_privilege(r.role, c.oid, 'DELETE')) as granted
       from pg_policies p
       join pg_namespace n on n.nspname = p.schemaname
       join pg_class c on c.relnamespace = n.oid and c.relname = p.tablename
       -- A policy without TO is for public: every API role.
       cross join unnest(case when 'public' = any(p.roles) then $1::name[] else p.roles end)
         as r(role)
      where p.schemaname = 'public' and r.role = any($1::text[])
      order by 1, 2, 4`,
    [roles],
  )
  // A policy for everyone (no TO) is fine while any API role can use it; one TO a role, only if
  // that role can.
  const lacks = (needed: TablePrivilege[]) =>
    `${needed.join(' or ')} on the table, so the policy never applies. Grant it in a migration and list it in ${MANIFEST_FILE}.`
  const forEveryone = new Map<string, { row: (typeof policies.rows)[number]; holds: boolean }>()
  for (const row of policies.rows) {
    const needed = POLICY_PRIVILEGES[row.command] ?? []
    const holds = needed.some((privilege) => row.granted[privilege])
    if (row.everyone) {
      const key = `${row.name}.${row.policy}`
      forEveryone.set(key, { row, holds: holds || (forEveryone.get(key)?.holds ?? false) })
    } else if (!holds) {
      problems.push(
        `public.${row.name}: policy "${row.policy}" is for ${row.role}, but ${row.role} lacks ${lacks(needed)}`,
      )
    }
  }
  for (const { row, holds } of forEveryone.values()) {
    if (holds) continue
    problems.push(
      `public.${row.name}: policy "${row.policy}" is for every role, but none of ${roles.join(', ')} holds ${lacks(POLICY_PRIVILEGES[row.command] ?? [])}`,
    )
  }

  // A user's deletion (clerk_delete_user, run with the secret key) deletes their rows from every
  // table whose user_id defaults to requesting_user_id(): one service_role cannot delete from
  // fails every user.deleted delivery, and Clerk retries it for days.
  const owned = await db.query<{ name: string }>(
    `select c.relname as name
       from pg_attrdef ad
       join pg_attribute a on a.attrelid = ad.adrelid and a.attnum = ad.adnum
       join pg_class c on c.oid = ad.adrelid
       join pg_namespace n on n.oid = c.relnamespace
       join pg_depend dep on dep.classid = 'pg_attrdef'::regclass and dep.objid = ad.oid
                         and dep.refclassid = 'pg_proc'::regclass
      where n.nspname = 'public' and a.attname = 'user_id' and not a.attisdropped
        and c.relkind in ('r', 'p') and not c.relispartition
        and dep.refobjid = 'public.requesting_user_id()'::regprocedure
        and not has_table_privilege('service_role', c.oid, 'DELETE')
      order by 1`,
  )
  for (const row of owned.rows) {
    problems.push(
      `public.${row.name}: its user_id defaults to requesting_user_id(), so a user's deletion (clerk_delete_user, with the secret key) deletes their rows from it, but service_role lacks DELETE. Grant it in a migration and list it in ${MANIFEST_FILE}, or give user_id another default.`,
    )
  }

  const sequences = await db.query<{
    name: string
    role: (typeof API_ROLES)[number]
    privilege: (typeof SEQUENCE_PRIVILEGES)[number]
    granted: boolean
    identity: boolean
  }>(
    `select c.relname as name, r.role, p.privilege,
            has_sequence_privilege(r.role, c.oid, p.privilege) as granted,
            exists (select from pg_depend d
                     where d.classid = 'pg_class'::regclass and d.objid = c.oid
                       and d.deptype = 'i') as identity
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       cross join unnest($1::text[]) as r(role)
       cross join unnest($2::text[]) as p(privilege)
      where n.nspname = 'public' and c.relkind = 'S'
      order by 1, 2, 3`,
    [roles, [...SEQUENCE_PRIVILEGES]],
  )
  // An identity column's sequence needs no grant (INSERT on its table is enough), so it needs
  // no entry either: without one, no role may hold anything on it.
  const listed = sequences.rows.filter((row) => !row.identity).map((row) => row.name)
  for (const sequence of new Set(listed)) {
    if (!Object.hasOwn(manifest.sequences, sequence)) {
      problems.push(
        `sequence public.${sequence} is not in the privilege manifest (${MANIFEST_FILE}): list the roles that may use it.`,
      )
    }
  }
  for (const row of sequences.rows) {
    const entry = manifest.sequences[row.name] ?? (row.identity ? {} : undefined)
    if (!entry) continue
    const wanted = entry[row.role]?.includes(row.privilege) ?? false
    if (wanted !== row.granted) {
      problems.push(
        wanted
          ? `sequence public.${row.name}: ${row.role} lacks ${row.privilege}, which the privilege manifest grants.`
          : `sequence public.${row.name}: ${row.role} holds ${row.privilege}, which the privilege manifest (${MANIFEST_FILE}) does not grant.`,
      )
    }
  }

  const functions = await db.query<{
    signature: string
    role: (typeof API_ROLES)[number]
    granted: boolean
  }>(
    `select format('%s(%s)', p.proname, oidvectortypes(p.proargtypes)) as signature, r.role,
            has_function_privilege(r.role, p.oid, 'EXECUTE') as granted
       from pg_proc p
       join pg_namespace n on n.oid = p.pronamespace
       cross join unnest($1::text[]) as r(role)
      where n.nspname = 'public'
      order by 1, 2`,
    [roles],
  )
  for (const signature of new Set(functions.rows.map((row) => row.signature))) {
    if (!Object.hasOwn(manifest.functions, signature)) {
      problems.push(
        `function public.${signature} is not in the privilege manifest (${MANIFEST_FILE}): list the roles that may execute it. Postgres lets PUBLIC execute a new function, so revoke that first.`,
      )
    }
  }
  for (const row of functions.rows) {
    const allowed = manifest.functions[row.signature]
    if (!allowed) continue
    const wanted = allowed.includes(row.role)
    if (wanted !== row.granted) {
      problems.push(
        wanted
          ? `function public.${row.signature}: ${row.role} lacks EXECUTE, which the privilege manifest grants.`
          : `function public.${row.signature}: ${row.role} holds EXECUTE, which the privilege manifest (${MANIFEST_FILE}) does not grant (a function gets EXECUTE for PUBLIC unless revoked).`,
      )
    }
  }
  return problems
}
