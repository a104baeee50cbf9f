import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { mirrorChange } from '../src/events.ts'

const UPDATED_AT = Date.UTC(2026, 10, 28, 12, 0, 0)
/** The paths of the ZodError `change` throws (a RangeError or no error fails the test). */
function issuePaths(change: () => unknown): PropertyKey[][] {
  try {
    change()
  } catch (error) {
    if (error instanceof ZodError) return error.issues.map((issue) => issue.path)
    throw error
  }
  throw new Error('expected a ZodError')
}

const user = (fields: Record<string, unknown> = {}) => ({
  id: 'user_1',
  first_name: 'Ada',
  last_name: 'Lovelace',
  image_url: 'https://img.example/ada.png',
  primary_email_address_id: 'idn_2',
  email_addresses: [
    { id: 'idn_1', email_address: 'old@example.com' },
    { id: 'idn_2', email_address: 'ada@example.com' },
  ],
  updated_at: UPDATED_AT,
  ...fields,
})

describe('mirrorChange', () => {
  it('keeps a user’s primary email, display name, image and Clerk’s updated_at', () => {
    expect(mirrorChange({ type: 'user.updated', data: user() })).toEqual({
      fn: 'clerk_apply_user',
      args: {
        p_id: 'user_1',
        p_email: 'ada@example.com',
        p_display_name: 'Ada Lovelace',
        p_image_url: 'https://img.example/ada.png',
        p_updated_at: '2026-11-28T12:00:00.000Z',
      },
    })
  })

  it('names a user without a name by their email, and without either by their id', () => {
    const noName = user({ first_name: null, last_name: ' ' })
    expect(mirrorChange({ type: 'user.created', data: noName })).toMatchObject({
      args: { p_display_name: 'ada' },
    })
    const bare = user({ first_name: null, last_name: null, email_addresses: [] })
    expect(mirrorChange({ type: 'user.created', data: bare })).toMatchObject({
      args: { p_display_name: 'user_1', p_email: null },
    })
  })

  it('deletes by id, dated by the event', () => {
    expect(
      mirrorChange({
        type: 'user.deleted',
        data: { id: 'user_1', deleted: true },
        timestamp: UPDATED_AT,
      }),
    ).toEqual({
      fn: 'clerk_delete_user',
      args: { p_id: 'user_1', p_deleted_at: '2026-11-28T12:00:00.000Z' },
    })
  })

  it('refuses a delete dated by something that is not a date, naming the field', () => {
    for (const timestamp of ['soon', 1e20, -1, Number.NaN]) {
      const event = { type: 'user.deleted', data: { id: 'user_1' }, timestamp }
      expect(
        issuePaths(() => mirrorChange(event)),
        String(timestamp),
      ).toEqual([['timestamp']])
    }
  })

  it('refuses an updated_at that is not a date a database can store, naming the field', () => {
    // 1e300 and 1e20 are past JavaScript's dates; 2.6e14 (year 10209) is past ISO's four-digit
    // years, which the database functions' timestamptz arguments are given in.
    for (const updatedAt of [1e300, 1e20, 2.6e14, -1, '2026-11-28']) {
      const event = { type: 'user.updated', data: user({ updated_at: updatedAt }) }
      expect(
        issuePaths(() => mirrorChange(event)),
        String(updatedAt),
      ).toEqual([['data', 'updated_at']])
    }
  })

  it('ignores an event type it does not keep, whatever its timestamp', () => {
    expect(mirrorChange({ type: 'session.created', data: {}, timestamp: 'soon' })).toBeNull()
  })

  it('maps organizations and memberships', () => {
    expect(
      mirrorChange({
        type: 'organization.created',
        data: { id: 'org_1', name: 'Acme', slug: 'acme', image_url: '', updated_at: UPDATED_AT },
      }),
    ).toMatchObject({ fn: 'clerk_apply_organization', args: { p_name: 'Acme', p_image_url: null } })
    expect(
      mirrorChange({
        type: 'organizationMembership.updated',
        data: {
          id: 'orgmem_1',
          organization: { id: 'org_1' },
          public_user_data: { user_id: 'user_1' },
          role: 'org:admin',
          updated_at: UPDATED_AT,
        },
      }),
    ).toMatchObject({
      fn: 'clerk_apply_membership',
      args: { p_organization_id: 'org_1', p_user_id: 'user_1', p_role: 'org:admin' },
    })
  })

  it('ignores event types the mirror does not keep, and refuses a kept one without an id', () => {
    expect(mirrorChange({ type: 'session.created', data: {} })).toBeNull()
    expect(() => mirrorChange({ type: 'user.updated', data: { updated_at: 1 } })).toThrow()
  })
})
