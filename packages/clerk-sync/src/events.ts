// What a Clerk webhook event asks of the mirror, read from the parts of Clerk's payloads this kit
// keeps. Pure: tested without a database.
import { z } from 'zod'

/** One call of a supabase/migrations/*_clerk_sync.sql function, minus the delivery's id. */
export type MirrorChange =
  | {
      fn: 'clerk_apply_user'
      args: {
        p_id: string
        p_email: string | null
        p_display_name: string
        p_image_url: string | null
        p_updated_at: string
      }
    }
  | {
      fn: 'clerk_apply_organization'
      args: {
        p_id: string
        p_name: string
        p_slug: string | null
        p_image_url: string | null
        p_updated_at: string
      }
    }
  | {
      fn: 'clerk_apply_membership'
      args: {
        p_id: string
        p_organization_id: string
        p_user_id: string
        p_role: string
        p_updated_at: string
      }
    }
  | {
      fn: 'clerk_delete_user' | 'clerk_delete_organization' | 'clerk_delete_membership'
      args: { p_id: string; p_deleted_at: string }
    }

/**
 * The envelope every Clerk webhook has (`timestamp`: when Clerk sent the event, in ms). `data` and
 * `timestamp` are as the signed body had them: verifyWebhook checks who sent them, not their shape.
 */
export interface ClerkWebhookEvent {
  type: string
  data: unknown
  timestamp?: unknown
}

/** 9999-12-31T23:59:59.999Z, the last instant with a four-digit ISO year. */
const LAST_ISO_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

/**
 * Clerk's epoch milliseconds as the ISO string the database functions take. The bounds are checks,
 * not left to the transform: past JavaScript's dates toISOString throws a RangeError (a 500, which
 * Clerk retries), and past year 9999 it writes a six-digit year. So an impossible date is a
 * validation issue naming its path, answered 400 like any other bad field.
 */
const milliseconds = z
  .number()
  .min(0)
  .max(LAST_ISO_MS)
  .transform((ms) => new Date(ms).toISOString())

const user = z.object({
  id: z.string().min(1),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  image_url: z.string().nullish(),
  primary_email_address_id: z.string().nullish(),
  email_addresses: z.array(z.object({ id: z.string(), email_address: z.string() })).default([]),
  updated_at: milliseconds,
})

const organization = z.object({
  id: z.string().min(1),
  name: z.string(),
  slug: z.string().nullish(),
  image_url: z.string().nullish(),
  updated_at: milliseconds,
})

const membership = z.object({
  id: z.string().min(1),
  organization: z.object({ id: z.string().min(1) }),
  public_user_data: z.object({ user_id: z.string().min(1) }),
  role: z.string(),
  updated_at: milliseconds,
})

// Each kept type parsed as its whole event, so an issue's path is the payload's own
// (`data.updated_at`), which the handler's 400 names.
const userEvent = z.object({ data: user })
const organizationEvent = z.object({ data: organization })
const membershipEvent = z.object({ data: membership })

/**
 * A deletion carries no updated_at, so it is dated by the event's own timestamp, or by now when
 * the SDK passed none (@clerk/backend before 3 dropped it).
 */
const deletionEvent = z.object({
  data: z.object({ id: z.string().min(1) }),
  timestamp: milliseconds.nullish(),
})

/** "Ada Lovelace", else the email's local part, else the id: never empty on a page. */
export function displayName(fields: z.infer<typeof user>, email: string | null): string {
  const name = [fields.first_name, fields.last_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ')
  return name || email?.split('@')[0] || fields.id
}

function deletionArgs(event: ClerkWebhookEvent): { p_id: string; p_deleted_at: string } {
  const { data, timestamp } = deletionEvent.parse(event)
  return { p_id: data.id, p_deleted_at: timestamp ?? new Date().toISOString() }
}

/**
 * The change `event` makes to the mirror, or null for an event type the mirror does not keep.
 * Throws a ZodError when a kept type's payload lacks what the mirror needs or has an impossible
 * date; its issues' paths are the event's (`data.updated_at`, `timestamp`). An ignored type is
 * never read, so a field the mirror does not keep cannot fail it.
 */
export function mirrorChange(event: ClerkWebhookEvent): MirrorChange | null {
  switch (event.type) {
    case 'user.created':
    case 'user.updated': {
      const fields = userEvent.parse(event).data
      const primary = fields.email_addresses.find(
        (address) => address.id === fields.primary_email_address_id,
      )
      const email = (primary ?? fields.email_addresses[0])?.email_address ?? null
      return {
        fn: 'clerk_apply_user',
        args: {
          p_id: fields.id,
          p_email: email,
          p_display_name: displayName(fields, email),
          p_image_url: fields.image_url || null,
          p_updated_at: fields.updated_at,
        },
      }
    }
    case 'organization.created':
    case 'organization.updated': {
      const fields = organizationEvent.parse(event).data
      return {
        fn: 'clerk_apply_organization',
        args: {
          p_id: fields.id,
          p_name: fields.name,
          p_slug: fields.slug ?? null,
          p_image_url: fields.image_url || null,
          p_updated_at: fields.updated_at,
        },
      }
    }
    case 'organizationMembership.created':
    case 'organizationMembership.updated': {
      const fields = membershipEvent.parse(event).data
      return {
        fn: 'clerk_apply_membership',
        args: {
          p_id: fields.id,
          p_organization_id: fields.organization.id,
          p_user_id: fields.public_user_data.user_id,
          p_role: fields.role,
          p_updated_at: fields.updated_at,
        },
      }
    }
    case 'user.deleted':
      return { fn: 'clerk_delete_user', args: deletionArgs(event) }
    case 'organization.deleted':
      return { fn: 'clerk_delete_organization', args: deletionArgs(event) }
    case 'organizationMembership.deleted':
      return { fn: 'clerk_delete_membership', args: deletionArgs(event) }
    default:
      return null
  }
}
