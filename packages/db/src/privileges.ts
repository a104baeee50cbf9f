// What each API role may do with each object in public: the grants the migrations make, written
// once more as data, so a test can hold the database to it (packages/integration's
// privileges.test.ts). Hosted Supabase grants anon, authenticated and service_role nothing on a
// new table, sequence or function (since 2026-10-30), so a table added without its grants is
// unreachable there; and a grant nobody listed is a privilege nobody decided to give.
//
// Grants decide whether a role may touch a table at all; RLS policies decide which rows.

export const API_ROLES = ['anon', 'authenticated', 'service_role'] as const
export type ApiRole = (typeof API_ROLES)[number]

export const TABLE_PRIVILEGES = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'REFERENCES',
  'TRIGGER',
  // Postgres 17's VACUUM / ANALYZE / REINDEX privilege, part of a GRANT ALL.
  'MAINTAIN',
] as const
export type TablePrivilege = (typeof TABLE_PRIVILEGES)[number]

/** `'SELECT'` for the whole table, or `'INSERT (name, done)'` for those columns only. */
export type TableGrant =
  | TablePrivilege
  | `${'SELECT' | 'INSERT' | 'UPDATE' | 'REFERENCES'} (${string})`

export const SEQUENCE_PRIVILEGES = ['USAGE', 'SELECT', 'UPDATE'] as const
export type SequencePrivilege = (typeof SEQUENCE_PRIVILEGES)[number]

export interface PrivilegeManifest {
  /** Tables and views in public, by name. A role not listed holds nothing. */
  tables: Record<string, Partial<Record<ApiRole, readonly TableGrant[]>>>
  /**
   * Sequences in public other than identity columns' (those need no grant: INSERT on the table
   * is enough, so no role may hold anything on them).
   */
  sequences: Record<string, Partial<Record<ApiRole, readonly SequencePrivilege[]>>>
  /** Functions in public as `name(argument types)`, and the roles that may EXECUTE them. */
  functions: Record<string, readonly ApiRole[]>
}

const TASK_WRITES = ['INSERT (name, done)', 'UPDATE (name, done)'] as const
const MIRROR_WRITES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const
const CLERK_SYNC = 'text, text, text'

export const privileges = {
  tables: {
    // Users read and delete their rows (RLS says which) and write only the columns they own.
    // The secret key's: clerk_delete_user removes a deleted user's personal tasks, and server
    // jobs read and add them (the kit's own are its tests' and bench's seeding and counting).
    tasks: {
      authenticated: ['SELECT', 'DELETE', ...TASK_WRITES],
      service_role: ['SELECT', 'INSERT', 'DELETE'],
    },
    // The Clerk mirror: users read it (RLS: themselves and their organization), and only the
    // webhook sync writes it, with the secret key.
    profiles: { authenticated: ['SELECT'], service_role: MIRROR_WRITES },
    organizations: { authenticated: ['SELECT'], service_role: MIRROR_WRITES },
    organization_memberships: { authenticated: ['SELECT'], service_role: MIRROR_WRITES },
    // The sync's own bookkeeping: appended to, checked, never changed through the API.
    clerk_webhook_deliveries: { service_role: ['SELECT', 'INSERT'] },
    // Users may read the id of a deleted author of a task they can see (RLS), so the pages can
    // tell "added by a deleted user" from "not synced yet"; not when they were deleted.
    clerk_deletions: { authenticated: ['SELECT (object_id)'], service_role: ['SELECT', 'INSERT'] },
  },
  // tasks_id_seq belongs to an identity column: no role needs, or holds, anything on it.
  sequences: {},
  functions: {
    'requesting_user_id()': ['authenticated', 'service_role'],
    'requesting_org_id()': ['authenticated', 'service_role'],
    'requesting_org_role()': ['authenticated', 'service_role'],
    'author(tasks)': ['authenticated', 'service_role'],
    'author_deleted(tasks)': ['authenticated', 'service_role'],
    'clerk_record_delivery(text, text)': ['service_role'],
    [`clerk_apply_user(${CLERK_SYNC}, text, text, text, timestamp with time zone)`]: [
      'service_role',
    ],
    [`clerk_delete_user(${CLERK_SYNC}, timestamp with time zone)`]: ['service_role'],
    [`clerk_apply_organization(${CLERK_SYNC}, text, text, text, timestamp with time zone)`]: [
      'service_role',
    ],
    [`clerk_delete_organization(${CLERK_SYNC}, timestamp with time zone)`]: ['service_role'],
    [`clerk_apply_membership(${CLERK_SYNC}, text, text, text, timestamp with time zone)`]: [
      'service_role',
    ],
    [`clerk_delete_membership(${CLERK_SYNC}, timestamp with time zone)`]: ['service_role'],
  },
} satisfies PrivilegeManifest
