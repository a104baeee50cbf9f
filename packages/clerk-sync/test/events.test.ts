import { describe, expect, it } from 'vitest'
import { mirrorChange } from '../src/events.ts'

const UPDATED_AT = Date.UTC(2026, 10, 28, 12, 0, 0)
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
