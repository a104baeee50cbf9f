// The Backend API (what @clerk/backend calls with the secret key): the JWKS, handshake payloads,
// and the user, organization and membership endpoints the apps' server code and tests use.

import { isOrganizationRole } from '@repo/local-stack'
import {
  clerkError,
  fieldError,
  lastAdminError,
  notFoundError,
  organizationProblemError,
} from './errors.ts'
import { HANDSHAKE_NONCE_TTL_MS, handshakeDirectives } from './handshake.ts'
import { type EmulatorReply, type EmulatorRequest, json } from './http-types.ts'
import type { Instance } from './instance.ts'
import type { SigningKey } from './keys.ts'
import {
  backendMembershipJSON,
  backendOrganizationJSON,
  backendUserJSON,
  page,
} from './resources.ts'
import type { Store } from './store.ts'

const notFound = (what: string) => json(404, notFoundError(what))
const roleInvalid = () => json(422, organizationProblemError('role_invalid'))
const lastAdmin = () => json(403, lastAdminError())

export function createBackendApi(options: { instance: Instance; key: SigningKey; store: Store }) {
  const { instance, key, store } = options

  return async function handleBackendApi(
    request: EmulatorRequest,
    body: Record<string, unknown>,
  ): Promise<EmulatorReply | undefined> {
    if (request.headers.authorization !== `Bearer ${instance.secretKey}`) {
      return json(
        401,
        clerkError('authentication_invalid', 'The secret key is missing or wrong', {
          longMessage:
            'Send the emulator’s secret key (CLERK_SECRET_KEY from print-env) as a Bearer token.',
        }),
      )
    }
    const { method } = request
    const path = request.url.pathname
    const query = request.url.searchParams

    if (path === '/v1/jwks' && method === 'GET') return json(200, { keys: [key.publicJwk] })

    if (path === '/v1/clients/handshake_payload' && method === 'GET') {
      const nonce = query.get('nonce') ?? ''
      const pending = store.handshakeNonces.get(nonce)
      if (!pending || Date.now() - pending.createdAt > HANDSHAKE_NONCE_TTL_MS) {
        store.handshakeNonces.delete(nonce)
        return json(404, clerkError('resource_not_found', 'Handshake nonce not found'))
      }
      return json(200, { directives: await handshakeDirectives(store, key, instance, pending) })
    }

    if (path === '/v1/users' && method === 'GET') {
      const emails = query.getAll('email_address').map((email) => email.toLowerCase())
      const ids = query.getAll('user_id')
      const limit = Number(query.get('limit') ?? 10)
      const offset = Number(query.get('offset') ?? 0)
      const users = [...store.users.values()]
        .filter((user) => emails.length === 0 || emails.includes(user.email))
        .filter((user) => ids.length === 0 || ids.includes(user.id))
        .sort((a, b) => b.createdAt - a.createdAt)
      return json(
        200,
        users.slice(offset, offset + limit).map((user) => backendUserJSON(user, store)),
      )
    }

    if (path === '/v1/users/count' && method === 'GET') {
      return json(200, { object: 'total_count', total_count: store.users.size })
    }

    if (path === '/v1/users' && method === 'POST') {
      const emails = body.email_address
      const email = Array.isArray(emails) ? String(emails[0] ?? '') : String(emails ?? '')
      const password = typeof body.password === 'string' ? body.password : ''
      if (!email) {
        return json(
          422,
          fieldError('form_param_missing', 'email_address is required', 'email_address'),
        )
      }
      if (store.findUserByEmail(email)) {
        return json(
          422,
          fieldError(
            'form_identifier_exists',
            'That email address is taken. Please try another.',
            'email_address',
          ),
        )
      }
      const user = store.createUser({
        email,
        password,
        firstName: typeof body.first_name === 'string' ? body.first_name : undefined,
        lastName: typeof body.last_name === 'string' ? body.last_name : undefined,
      })
      return json(200, backendUserJSON(user, store))
    }

    const userPath = path.match(/^\/v1\/users\/([^/]+)(\/organization_memberships)?$/)
    if (userPath?.[1] && !userPath[2] && (method === 'PATCH' || method === 'DELETE')) {
      const user = store.users.get(userPath[1])
      if (!user) return notFound('User')
      if (method === 'DELETE') {
        store.deleteUser(user)
        return json(200, { object: 'user', id: user.id, deleted: true })
      }
      const name = (value: unknown) => (typeof value === 'string' ? value : undefined)
      store.updateUser(user, { firstName: name(body.first_name), lastName: name(body.last_name) })
      return json(200, backendUserJSON(user, store))
    }
    if (userPath?.[1] && method === 'GET') {
      const user = store.users.get(userPath[1])
      if (!user) return notFound('User')
      if (!userPath[2]) return json(200, backendUserJSON(user, store))
      const memberships = store
        .membershipsOfUser(user.id)
        .map((membership) => backendMembershipJSON(membership, store))
      return json(200, page(memberships, query))
    }

    if (path.startsWith('/v1/organizations')) return handleOrganizations(request, body)
    return undefined
  }

  function handleOrganizations(
    request: EmulatorRequest,
    body: Record<string, unknown>,
  ): EmulatorReply | undefined {
    const { method } = request
    const path = request.url.pathname
    const query = request.url.searchParams
    const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

    if (path === '/v1/organizations' && method === 'GET') {
      const search = (query.get('query') ?? '').toLowerCase()
      const organizations = [...store.organizations.values()]
        .filter(({ name, slug }) => `${name} ${slug}`.toLowerCase().includes(search))
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((organization) => backendOrganizationJSON(organization, store))
      return json(200, page(organizations, query))
    }
    if (path === '/v1/organizations' && method === 'POST') {
      const createdBy = text(body.created_by) || null
      if (createdBy && !store.users.has(createdBy)) return notFound('User')
      const organization = store.createOrganization({
        name: text(body.name),
        slug: text(body.slug),
        createdBy,
      })
      if (typeof organization === 'string') {
        return json(422, organizationProblemError(organization))
      }
      return json(200, backendOrganizationJSON(organization, store))
    }

    const match = path.match(/^\/v1\/organizations\/([^/]+)(?:\/memberships(?:\/([^/]+))?)?$/)
    if (!match?.[1]) return undefined
    // Clerk accepts an id or a slug here.
    const organization = store.organizations.get(match[1]) ?? store.findOrganizationBySlug(match[1])
    if (!organization) return notFound('Organization')
    const membershipsPath = path.includes('/memberships')
    const userId = match[2]

    if (!membershipsPath) {
      if (method === 'GET') return json(200, backendOrganizationJSON(organization, store))
      if (method === 'DELETE') {
        store.deleteOrganization(organization)
        return json(200, { object: 'organization', id: organization.id, deleted: true })
      }
      return undefined
    }
    if (!userId) {
      if (method === 'GET') {
        const memberships = store
          .membershipsOfOrganization(organization.id)
          .map((membership) => backendMembershipJSON(membership, store))
        return json(200, page(memberships, query))
      }
      if (method === 'POST') {
        const user = store.users.get(text(body.user_id))
        if (!user) return notFound('User')
        if (!isOrganizationRole(body.role)) return roleInvalid()
        if (store.findMembership(organization.id, user.id)) {
          return json(
            422,
            clerkError('already_a_member_in_organization', 'Already a member', {
              longMessage: `${user.id} is already a member of ${organization.id}.`,
            }),
          )
        }
        const membership = store.addMembership(organization.id, user.id, body.role)
        return json(200, backendMembershipJSON(membership, store))
      }
      return undefined
    }
    const membership = store.findMembership(organization.id, userId)
    if (!membership) return notFound('Organization membership')
    if (method === 'PATCH') {
      if (!isOrganizationRole(body.role)) return roleInvalid()
      if (store.isLastAdmin(membership, body.role)) return lastAdmin()
      store.updateMembership(membership, body.role)
      return json(200, backendMembershipJSON(membership, store))
    }
    if (method === 'DELETE') {
      if (store.isLastAdmin(membership)) return lastAdmin()
      const removed = backendMembershipJSON(membership, store)
      store.removeMembership(membership)
      return json(200, removed)
    }
    return undefined
  }
}
