// The Frontend API: what clerk-js (and so the prebuilt <SignIn/>, <SignUp/>, <UserButton/>)
// calls, reached through the proxy URL. Production-instance semantics: the client is found by
// the `__client` cookie this server sets, so emulator and app must share a hostname.
import crypto from 'node:crypto'
import { isOrganizationRole } from '@repo/local-stack'
import {
  clerkError,
  fieldError,
  lastAdminError,
  notFoundError,
  organizationProblemError,
} from './errors.ts'
import { handshakeDirectives } from './handshake.ts'
import { type EmulatorReply, type EmulatorRequest, json } from './http-types.ts'
import type { Instance } from './instance.ts'
import type { SigningKey } from './keys.ts'
import {
  clientJSON,
  type EnvironmentOptions,
  environmentJSON,
  membershipJSON,
  organizationJSON,
  page,
  rolesJSON,
  sessionJSON,
  signInJSON,
  signUpJSON,
  userJSON,
} from './resources.ts'
import {
  type Client,
  newId,
  type OrganizationProblem,
  type Session,
  type Store,
  type User,
} from './store.ts'
import { mintSessionToken, signHandshake } from './tokens.ts'

export interface FrontendApiOptions {
  instance: Instance
  key: SigningKey
  store: Store
  environment: EnvironmentOptions
  /** The code every email verification accepts; logged when "sent". */
  verificationCode: string
  /** 'nonce' answers handshakes the way newer SDKs ask; 'token' forces the signed format. */
  handshakeFormat: 'auto' | 'token'
  /** Where a handshake may send the browser back to, with a session in its URL. */
  isAllowedOrigin: (origin: string) => boolean
  log: (line: string) => void
}

const YEAR_IN_SECONDS = 60 * 60 * 24 * 365
const PASSWORD_MIN_LENGTH = 8

const errors = {
  identifierNotFound: () =>
    json(422, fieldError('form_identifier_not_found', "Couldn't find your account.", 'identifier')),
  passwordIncorrect: () =>
    json(
      422,
      fieldError(
        'form_password_incorrect',
        'Password is incorrect. Try again, or use another method.',
        'password',
      ),
    ),
  identifierExists: () =>
    json(
      422,
      fieldError(
        'form_identifier_exists',
        'That email address is taken. Please try another.',
        'email_address',
      ),
    ),
  passwordTooShort: () =>
    json(
      422,
      fieldError(
        'form_password_length_too_short',
        `Passwords must be ${PASSWORD_MIN_LENGTH} characters or more.`,
        'password',
      ),
    ),
  codeIncorrect: () => json(422, fieldError('form_code_incorrect', 'Incorrect code', 'code')),
  organization: (problem: OrganizationProblem | 'role_invalid') =>
    json(422, organizationProblemError(problem)),
  lastAdmin: () => json(403, lastAdminError()),
  notAnAdmin: () =>
    json(403, clerkError('not_allowed_access', 'Only an admin of this organization may do that')),
  notAMember: () =>
    json(
      403,
      clerkError('not_a_member_in_organization', 'You are not a member of this organization'),
    ),
  notFound: (what: string) => json(404, notFoundError(what)),
  signedOut: () => json(401, clerkError('signed_out', 'You are signed out')),
  invalidHandshake: (reason: string) =>
    json(
      400,
      clerkError('invalid_handshake', 'invalid handshake', {
        longMessage: `The handshake request is invalid: ${reason}`,
      }),
    ),
}

/** One Frontend API call on a client's resource: /v1/client/<resource>/<id>/<action>. */
interface ClientCall {
  request: EmulatorRequest
  client: Client
  /** Set-Cookie values the reply must carry (a new __client cookie). */
  cookies: string[]
  id: string | undefined
  action: string | undefined
}

export function createFrontendApi(options: FrontendApiOptions) {
  const { instance, key, store } = options

  const clientCookie = (client: Client) =>
    `__client=${client.id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${YEAR_IN_SECONDS}`

  /** `__client_uat` tells @clerk/backend when the client last changed (0 = signed out). */
  const uatCookies = (client: Client) => {
    const value = store.activeSessions(client).length ? Math.floor(client.updatedAt / 1000) : 0
    return ['', `_${instance.cookieSuffix}`].map(
      (suffix) =>
        `__client_uat${suffix}=${value}; Path=/; SameSite=Lax; Max-Age=${YEAR_IN_SECONDS}`,
    )
  }

  const tokenFor = (origin: string | undefined) => (session: Session) =>
    mintSessionToken(key, instance, store, session, origin)

  async function envelope(
    request: EmulatorRequest,
    client: Client,
    response: unknown,
    cookies: string[] = [],
  ): Promise<EmulatorReply> {
    const clientBody = await clientJSON(client, store, tokenFor(request.headers.origin))
    return json(200, { response, client: clientBody }, cookies)
  }

  function completeSignIn(client: Client, userId: string) {
    const session = store.startSession(client, userId)
    if (client.signIn) {
      client.signIn.status = 'complete'
      client.signIn.createdSessionId = session.id
    }
    return session
  }

  async function signInReply(request: EmulatorRequest, client: Client, cookies: string[]) {
    const signIn = client.signIn
    const user = signIn?.userId ? store.users.get(signIn.userId) : undefined
    return envelope(request, client, signInJSON(signIn, user), [...cookies, ...uatCookies(client)])
  }

  async function handleHandshake(request: EmulatorRequest): Promise<EmulatorReply> {
    const redirect = request.url.searchParams.get('redirect_url')
    if (!redirect) return json(400, clerkError('form_param_missing', 'redirect_url is required'))
    let redirectUrl: URL
    try {
      redirectUrl = new URL(redirect)
    } catch {
      return errors.invalidHandshake(`redirect_url "${redirect}" is not a URL.`)
    }
    // The redirect carries the session (a token, or a nonce that resolves to one): never to a
    // site outside the instance, however the browser was sent here.
    if (!options.isAllowedOrigin(redirectUrl.origin)) {
      options.log(`refused a handshake redirect to ${redirect}: not on an allowed origin`)
      return errors.invalidHandshake(
        `redirect_url ${redirect} is not on an allowed origin of this instance. Add its origin with CLERK_EMULATOR_ALLOWED_ORIGINS.`,
      )
    }
    // A redirect URL may still carry an earlier handshake's result; never stack them.
    redirectUrl.searchParams.delete('__clerk_handshake')
    redirectUrl.searchParams.delete('__clerk_handshake_nonce')
    const handshakeRequest = {
      clientId: request.cookies.__client,
      suffixed: request.url.searchParams.get('suffixed_cookies') === 'true',
      origin: redirectUrl.origin,
    }
    const format = request.url.searchParams.get('format')
    if (format === 'nonce' && options.handshakeFormat === 'auto') {
      const nonce = crypto.randomBytes(16).toString('hex')
      store.handshakeNonces.set(nonce, { ...handshakeRequest, createdAt: Date.now() })
      redirectUrl.searchParams.set('__clerk_handshake_nonce', nonce)
    } else {
      const directives = await handshakeDirectives(store, key, instance, handshakeRequest)
      redirectUrl.searchParams.set('__clerk_handshake', await signHandshake(key, directives))
    }
    options.log(`handshake (reason ${request.url.searchParams.get('__clerk_hs_reason') ?? '?'})`)
    return {
      status: 307,
      headers: { location: redirectUrl.toString(), 'cache-control': 'no-store' },
    }
  }

  async function handleSignIn(call: ClientCall): Promise<EmulatorReply | undefined> {
    const { request, client, cookies, id, action } = call
    const { body, method } = request
    if (!id && method === 'POST') {
      const identifier = body.identifier ?? ''
      const user = store.findUserByEmail(identifier)
      client.signIn = {
        id: newId('sia'),
        status: 'needs_first_factor',
        identifier,
        userId: user?.id ?? null,
        createdSessionId: null,
        createdAt: Date.now(),
      }
      if (!user) return errors.identifierNotFound()
      if (body.password !== undefined || body.strategy === 'password') {
        if (body.password !== user.password) return errors.passwordIncorrect()
        completeSignIn(client, user.id)
      }
      return signInReply(request, client, cookies)
    }
    const signIn = client.signIn?.id === id ? client.signIn : null
    if (!signIn) return errors.notFound('Sign in')
    if (!action && method === 'GET') return signInReply(request, client, cookies)
    if (action === 'prepare_first_factor') return signInReply(request, client, cookies)
    if (action === 'attempt_first_factor' && method === 'POST') {
      const user = signIn.userId ? store.users.get(signIn.userId) : undefined
      if (!user) return errors.identifierNotFound()
      if (body.strategy !== 'password' || body.password !== user.password) {
        return errors.passwordIncorrect()
      }
      completeSignIn(client, user.id)
      return signInReply(request, client, cookies)
    }
    return undefined
  }

  async function handleSignUp(call: ClientCall): Promise<EmulatorReply | undefined> {
    const { request, client, cookies, id, action } = call
    const { body, method } = request
    const reply = () =>
      envelope(request, client, signUpJSON(client.signUp), [...cookies, ...uatCookies(client)])
    const applyFields = (): EmulatorReply | undefined => {
      const signUp = client.signUp
      if (!signUp) return undefined
      if (body.email_address !== undefined) {
        if (store.findUserByEmail(body.email_address)) return errors.identifierExists()
        signUp.email = body.email_address.trim().toLowerCase()
        signUp.emailVerification = 'unverified'
      }
      if (body.password !== undefined) {
        if (body.password.length < PASSWORD_MIN_LENGTH) return errors.passwordTooShort()
        signUp.password = body.password
      }
      if (body.first_name !== undefined) signUp.firstName = body.first_name
      if (body.last_name !== undefined) signUp.lastName = body.last_name
      return undefined
    }

    if (!id && method === 'POST') {
      client.signUp = {
        id: newId('sua'),
        status: 'missing_requirements',
        email: null,
        password: null,
        firstName: null,
        lastName: null,
        emailVerification: 'unverified',
        createdSessionId: null,
        createdUserId: null,
        createdAt: Date.now(),
      }
      return applyFields() ?? reply()
    }
    const signUp = client.signUp?.id === id ? client.signUp : null
    if (!signUp) return errors.notFound('Sign up')
    if (!action && method === 'GET') return reply()
    if (!action && method === 'PATCH') return applyFields() ?? reply()
    if (action === 'prepare_verification' && method === 'POST') {
      if (!signUp.email)
        return json(422, clerkError('form_param_missing', 'Enter an email address'))
      signUp.emailVerification = 'pending'
      options.log(`verification code for ${signUp.email}: ${options.verificationCode}`)
      return reply()
    }
    if (action === 'attempt_verification' && method === 'POST') {
      if (body.code !== options.verificationCode) return errors.codeIncorrect()
      signUp.emailVerification = 'verified'
      if (signUp.email && signUp.password) {
        const user = store.createUser({
          email: signUp.email,
          password: signUp.password,
          firstName: signUp.firstName || undefined,
          lastName: signUp.lastName || undefined,
        })
        const session = store.startSession(client, user.id)
        signUp.status = 'complete'
        signUp.createdUserId = user.id
        signUp.createdSessionId = session.id
        options.log(`signed up ${user.email} as ${user.id}`)
      }
      return reply()
    }
    return undefined
  }

  async function handleSession(
    call: ClientCall & { id: string; template: string | undefined },
  ): Promise<EmulatorReply | undefined> {
    const { request, client, cookies, id, action, template } = call
    const session = client?.sessionIds.includes(id) ? store.sessions.get(id) : undefined
    if (!client || !session || session.status !== 'active') return errors.signedOut()
    const user = store.users.get(session.userId)
    if (!user) return errors.signedOut()
    if (action === 'tokens') {
      if (template) {
        return json(
          404,
          clerkError('resource_not_found', `JWT template "${template}" not found`, {
            longMessage: `JWT templates are not emulated. The Supabase JWT template is deprecated: call getToken() without a template (the native Supabase integration).`,
          }),
        )
      }
      // clerk-js names the organization each token is for (empty: the personal account).
      const asked = request.body.organization_id ?? request.body.organizationId
      const organizationId =
        asked === undefined ? session.activeOrganizationId : asked === 'null' ? null : asked || null
      const jwt = await mintSessionToken(
        key,
        instance,
        store,
        session,
        request.headers.origin,
        organizationId,
      )
      return json(200, { object: 'token', jwt })
    }
    if (action === 'touch') {
      // setActive({ organization }) sends the choice here; an absent field keeps the current one.
      const chosen = request.body.active_organization_id
      if (chosen !== undefined) {
        const organizationId = chosen && chosen !== 'null' ? chosen : null
        if (organizationId && !store.findMembership(organizationId, user.id)) {
          return errors.notAMember()
        }
        session.activeOrganizationId = organizationId
      }
      session.lastActiveAt = Date.now()
      client.lastActiveSessionId = session.id
      client.updatedAt = Date.now()
      const token = await mintSessionToken(key, instance, store, session, request.headers.origin)
      return envelope(request, client, sessionJSON(session, user, store, token), [
        ...cookies,
        ...uatCookies(client),
      ])
    }
    if (action === 'end' || action === 'remove') {
      store.endSession(client, session, action === 'end' ? 'ended' : 'removed')
      return envelope(request, client, sessionJSON(session, user, store, null), [
        ...cookies,
        ...uatCookies(client),
      ])
    }
    return undefined
  }

  /**
   * What each route needs before its handler runs: nothing; the browser's client, if it has one
   * (a GET never makes one); a client (made on the first call that changes state); or a
   * signed-in user.
   */
  type Needs = 'nothing' | 'maybe-client' | 'client' | 'user'
  interface Route {
    /** The methods it answers (after `_method`), or '*' for every method. */
    methods: readonly string[] | '*'
    path: string | RegExp
    needs: Needs
    handle(call: RouteCall): Promise<EmulatorReply | undefined> | EmulatorReply | undefined
  }
  interface RouteCall {
    request: EmulatorRequest
    path: string
    /** The path's capture groups, for a RegExp route. */
    params: (string | undefined)[]
    client: Client | undefined
    cookies: string[]
    user: User | undefined
  }
  const clientCall = (call: RouteCall, id?: string, action?: string): ClientCall => ({
    request: call.request,
    client: call.client as Client,
    cookies: call.cookies,
    id,
    action,
  })
  const bodyOf = (call: RouteCall) =>
    clientJSON(call.client ?? null, store, tokenFor(call.request.headers.origin))

  // Method and path to handler, first match wins. The sub-handlers switch on the resource id and
  // action the path carries; anything no route matches is the emulator's 404 naming it.
  const routes: Route[] = [
    {
      methods: '*',
      path: '/v1/environment',
      needs: 'nothing',
      handle: () => json(200, environmentJSON(options.environment)),
    },
    {
      methods: ['GET'],
      path: '/v1/client/handshake',
      needs: 'nothing',
      handle: ({ request }) => handleHandshake(request),
    },
    {
      methods: ['GET'],
      path: '/v1/client',
      needs: 'maybe-client',
      handle: async (call) => json(200, { response: await bodyOf(call), client: null }),
    },
    {
      // Sign-out of every session on this client.
      methods: ['DELETE'],
      path: '/v1/client',
      needs: 'client',
      handle: ({ request, client, cookies }) => {
        const own = client as Client
        for (const session of store.activeSessions(own)) store.endSession(own, session, 'ended')
        return envelope(request, own, null, [...cookies, ...uatCookies(own)])
      },
    },
    {
      methods: ['PUT', 'POST', 'PATCH'],
      path: '/v1/client',
      needs: 'client',
      handle: async (call) => {
        const body = await bodyOf(call)
        return json(200, { response: body, client: body }, call.cookies)
      },
    },
    {
      methods: ['DELETE'],
      path: '/v1/client/sessions',
      needs: 'client',
      handle: async (call) => {
        const own = call.client as Client
        for (const session of store.activeSessions(own)) store.endSession(own, session, 'removed')
        const body = await bodyOf(call)
        return json(200, { response: body, client: body }, [...call.cookies, ...uatCookies(own)])
      },
    },
    {
      methods: '*',
      path: /^\/v1\/client\/sign_ins(?:\/([^/]+))?(?:\/(\w+))?$/,
      needs: 'client',
      handle: (call) => handleSignIn(clientCall(call, call.params[0], call.params[1])),
    },
    {
      methods: '*',
      path: /^\/v1\/client\/sign_ups(?:\/([^/]+))?(?:\/(\w+))?$/,
      needs: 'client',
      handle: (call) => handleSignUp(clientCall(call, call.params[0], call.params[1])),
    },
    {
      methods: '*',
      path: /^\/v1\/client\/sessions\/([^/]+)\/(\w+)(?:\/([^/]+))?$/,
      needs: 'client',
      handle: (call) => {
        const [id, action, template] = call.params
        if (!id || !action) return undefined
        return handleSession({ ...clientCall(call, id, action), id, action, template })
      },
    },
    {
      methods: ['GET'],
      path: '/v1/me',
      needs: 'user',
      handle: ({ request, client, cookies, user }) =>
        envelope(request, client as Client, userJSON(user as User, store), cookies),
    },
    {
      methods: '*',
      path: /^\/v1\/me\/.+$/,
      needs: 'user',
      handle: (call) => handleMyOrganizations(clientCall(call), call.user as User, call.path),
    },
    {
      methods: '*',
      path: /^\/v1\/organizations(?:\/.*)?$/,
      needs: 'user',
      handle: (call) => handleOrganizations(clientCall(call), call.user as User, call.path),
    },
  ]

  const matchRoute = (method: string, path: string) => {
    for (const route of routes) {
      if (route.methods !== '*' && !route.methods.includes(method)) continue
      if (typeof route.path === 'string') {
        if (route.path === path) return { route, params: [] }
        continue
      }
      const match = path.match(route.path)
      if (match) return { route, params: match.slice(1) }
    }
    return undefined
  }

  /** `path` is relative to the proxy URL, e.g. /v1/client/sign_ins. */
  return async function handleFrontendApi(
    request: EmulatorRequest,
    path: string,
  ): Promise<EmulatorReply | undefined> {
    const found = matchRoute(request.method, path)
    if (!found) return undefined
    const { route, params } = found
    const call: RouteCall = {
      request,
      path,
      params,
      client: undefined,
      cookies: [],
      user: undefined,
    }
    if (route.needs === 'nothing') return route.handle(call)
    call.client = store.clients.get(request.cookies.__client ?? '')
    if (!call.client && request.method !== 'GET') {
      call.client = store.createClient()
      call.cookies.push(clientCookie(call.client))
    }
    if (route.needs === 'maybe-client') return route.handle(call)
    if (!call.client) return errors.signedOut()
    if (route.needs === 'user') {
      const active = call.client.lastActiveSessionId
        ? store.sessions.get(call.client.lastActiveSessionId)
        : undefined
      call.user = active?.status === 'active' ? store.users.get(active.userId) : undefined
      if (!call.user) return errors.signedOut()
    }
    return route.handle(call)
  }

  /** The signed-in user's memberships, and what the organization switcher lists beside them. */
  async function handleMyOrganizations(
    call: ClientCall,
    user: User,
    path: string,
  ): Promise<EmulatorReply | undefined> {
    const { request, client, cookies } = call
    const query = request.url.searchParams
    if (path === '/v1/me/organization_memberships' && request.method === 'GET') {
      const memberships = store
        .membershipsOfUser(user.id)
        .map((membership) => membershipJSON(membership, store))
      return envelope(request, client, page(memberships, query), cookies)
    }
    // Invitations and domain suggestions are not emulated: there are never any.
    if (
      (path === '/v1/me/organization_invitations' || path === '/v1/me/organization_suggestions') &&
      request.method === 'GET'
    ) {
      return envelope(request, client, page([], query), cookies)
    }
    const leave = path.match(/^\/v1\/me\/organization_memberships\/([^/]+)$/)
    if (leave?.[1] && request.method === 'DELETE') {
      const membership = store.findMembership(leave[1], user.id)
      if (!membership) return errors.notAMember()
      if (store.isLastAdmin(membership)) return errors.lastAdmin()
      store.removeMembership(membership)
      return envelope(
        request,
        client,
        { object: 'organization_membership', id: membership.id, deleted: true },
        cookies,
      )
    }
    return undefined
  }

  /**
   * Creating an organization; reading one the user belongs to, its members and roles; and what
   * its admins may do from <OrganizationProfile/>: rename it, delete it, change a member's role
   * or remove them (never the last admin).
   */
  async function handleOrganizations(
    call: ClientCall,
    user: User,
    path: string,
  ): Promise<EmulatorReply | undefined> {
    const { request, client, cookies } = call
    const { body, method } = request
    const query = request.url.searchParams
    const reply = (response: unknown) => {
      client.updatedAt = Date.now()
      return envelope(request, client, response, cookies)
    }
    if (path === '/v1/organizations' && method === 'POST') {
      const created = store.createOrganization({
        name: body.name ?? '',
        slug: body.slug,
        createdBy: user.id,
      })
      if (typeof created === 'string') return errors.organization(created)
      options.log(`${user.email} created the organization ${created.name} (${created.id})`)
      return reply(organizationJSON(created, store))
    }
    const match = path.match(/^\/v1\/organizations\/([^/]+)(?:\/(\w+)(?:\/([^/]+))?)?$/)
    if (!match?.[1]) return undefined
    const organization = store.organizations.get(match[1])
    if (!organization) return errors.notFound('Organization')
    const own = store.findMembership(organization.id, user.id)
    if (!own) return errors.notAMember()
    const [, , part, memberId] = match
    const isAdmin = own.role === 'org:admin'

    if (!part) {
      if (method === 'GET')
        return envelope(request, client, organizationJSON(organization, store), cookies)
      if (!isAdmin) return errors.notAnAdmin()
      if (method === 'PATCH') {
        const problem = store.updateOrganization(organization, { name: body.name, slug: body.slug })
        return problem ? errors.organization(problem) : reply(organizationJSON(organization, store))
      }
      if (method === 'DELETE') {
        store.deleteOrganization(organization)
        return reply({ object: 'organization', id: organization.id, deleted: true })
      }
      return undefined
    }
    if (part === 'memberships' && memberId) {
      if (!isAdmin) return errors.notAnAdmin()
      const membership = store.findMembership(organization.id, memberId)
      if (!membership) return errors.notFound('Organization membership')
      if (method === 'PATCH') {
        if (!isOrganizationRole(body.role)) return errors.organization('role_invalid')
        if (store.isLastAdmin(membership, body.role)) return errors.lastAdmin()
        store.updateMembership(membership, body.role)
        return reply(membershipJSON(membership, store))
      }
      if (method === 'DELETE') {
        if (store.isLastAdmin(membership)) return errors.lastAdmin()
        const removed = membershipJSON(membership, store)
        store.removeMembership(membership)
        return reply(removed)
      }
      return undefined
    }
    if (method !== 'GET') return undefined
    if (part === 'memberships') {
      const memberships = store
        .membershipsOfOrganization(organization.id)
        .map((membership) => membershipJSON(membership, store))
      return envelope(request, client, page(memberships, query), cookies)
    }
    if (part === 'roles') return envelope(request, client, page(rolesJSON(), query), cookies)
    if (part === 'invitations' || part === 'membership_requests' || part === 'domains') {
      return envelope(request, client, page([], query), cookies)
    }
    return undefined
  }
}
