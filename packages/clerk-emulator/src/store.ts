import crypto from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  type OrganizationRole,
  readSeedOrganizations,
  type SeedOrganization,
  type SeedUser,
} from '@repo/local-stack'

export interface User {
  id: string
  email: string
  emailId: string
  password: string
  firstName: string | null
  lastName: string | null
  createdAt: number
  updatedAt: number
  lastSignInAt: number | null
}

export type SessionStatus = 'active' | 'ended' | 'removed'

export interface Session {
  id: string
  userId: string
  status: SessionStatus
  /** The organization the session's tokens are for (their `o` claim); null for personal. */
  activeOrganizationId: string | null
  createdAt: number
  lastActiveAt: number
}

export interface Organization {
  id: string
  name: string
  slug: string
  createdBy: string | null
  createdAt: number
  updatedAt: number
}

export interface Membership {
  id: string
  organizationId: string
  userId: string
  role: OrganizationRole
  createdAt: number
  updatedAt: number
}

export interface SignIn {
  id: string
  status: 'needs_identifier' | 'needs_first_factor' | 'complete'
  identifier: string | null
  userId: string | null
  createdSessionId: string | null
  createdAt: number
}

export interface SignUp {
  id: string
  status: 'missing_requirements' | 'complete'
  email: string | null
  password: string | null
  firstName: string | null
  lastName: string | null
  /** 'unverified' until a code is sent, 'pending' while one is out, then 'verified'. */
  emailVerification: 'unverified' | 'pending' | 'verified'
  createdSessionId: string | null
  createdUserId: string | null
  createdAt: number
}

export interface Client {
  id: string
  sessionIds: string[]
  signIn: SignIn | null
  signUp: SignUp | null
  lastActiveSessionId: string | null
  createdAt: number
  updatedAt: number
}

/** Clerk-looking ids: a type prefix and 27 base62 characters. */
export function newId(prefix: string): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
  const bytes = crypto.randomBytes(27)
  let id = ''
  for (const byte of bytes) id += alphabet[byte % alphabet.length]
  return `${prefix}_${id}`
}

export interface StoreOptions {
  users: SeedUser[]
  organizations?: SeedOrganization[]
  /**
   * Keep users and organizations created at run time (sign-up, the Backend API, the
   * organization switcher) in these files, so a dev restart does not orphan their rows.
   */
  usersFile?: string
  organizationsFile?: string
}

/** A change Clerk would announce by webhook, made to the store at run time (not seeding). */
export type StoreEvent =
  | { type: 'user.created' | 'user.updated'; user: User }
  | { type: 'user.deleted'; id: string }
  | { type: 'organization.created' | 'organization.updated'; organization: Organization }
  | { type: 'organization.deleted'; id: string }
  | {
      type:
        | 'organizationMembership.created'
        | 'organizationMembership.updated'
        | 'organizationMembership.deleted'
      membership: Membership
    }

/** Why Clerk refuses an organization's name or slug. */
export type OrganizationProblem = 'name_missing' | 'slug_invalid' | 'slug_taken'

/** Whether a slug is one Clerk accepts: lowercase letters, digits and single dashes. */
export const isOrganizationSlug = (slug: string) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)

/** The slug Clerk's form suggests for a name ("Acme Corp." → "acme-corp"). */
export const slugFor = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')

/** The emulator's whole state, in memory, seeded from @repo/local-stack. */
export class Store {
  readonly users = new Map<string, User>()
  readonly clients = new Map<string, Client>()
  readonly sessions = new Map<string, Session>()
  readonly organizations = new Map<string, Organization>()
  readonly memberships = new Map<string, Membership>()
  readonly handshakeNonces = new Map<
    string,
    { clientId: string | undefined; suffixed: boolean; origin: string; createdAt: number }
  >()

  private readonly listeners: ((event: StoreEvent) => void)[] = []
  private readonly seedUsers: SeedUser[]
  private readonly seedOrganizations: SeedOrganization[]
  private readonly usersFile: string | undefined
  private readonly organizationsFile: string | undefined

  constructor(options: StoreOptions) {
    this.seedUsers = options.users
    this.seedOrganizations = options.organizations ?? []
    this.usersFile = options.usersFile
    this.organizationsFile = options.organizationsFile
    this.reset()
  }

  reset(): void {
    this.users.clear()
    this.clients.clear()
    this.sessions.clear()
    this.organizations.clear()
    this.memberships.clear()
    this.handshakeNonces.clear()
    for (const seed of this.seedUsers) this.insertUser(seed)
    if (this.usersFile && existsSync(this.usersFile)) {
      const saved = JSON.parse(readFileSync(this.usersFile, 'utf8')) as SeedUser[]
      for (const user of saved) if (!this.users.has(user.id)) this.insertUser(user)
    }
    const saved =
      this.organizationsFile && existsSync(this.organizationsFile)
        ? readSeedOrganizations(this.organizationsFile)
        : []
    for (const seed of [...this.seedOrganizations, ...saved]) {
      if (this.organizations.has(seed.id)) continue
      const organization = this.insertOrganization(seed.id, seed.name, seed.slug, null)
      for (const member of seed.members) {
        // A seed may name a user another checkout's sign-up made; skip what is not here.
        if (this.users.has(member.userId)) {
          this.insertMembership(organization.id, member.userId, member.role)
        }
      }
    }
  }

  private insertUser(seed: SeedUser): User {
    const now = Date.now()
    const user: User = {
      id: seed.id,
      email: seed.email.toLowerCase(),
      emailId: `idn_${seed.id.replace(/^user_/, '')}`,
      password: seed.password,
      firstName: seed.firstName ?? null,
      lastName: seed.lastName ?? null,
      createdAt: now,
      updatedAt: now,
      lastSignInAt: null,
    }
    this.users.set(user.id, user)
    return user
  }

  /** Called after every run-time change, in order (the emulator's webhooks). */
  onChange(listener: (event: StoreEvent) => void): void {
    this.listeners.push(listener)
  }

  private emit(event: StoreEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  findUserByEmail(email: string): User | undefined {
    const wanted = email.trim().toLowerCase()
    for (const user of this.users.values()) if (user.email === wanted) return user
    return undefined
  }

  createUser(input: Omit<SeedUser, 'id'>): User {
    const user = this.insertUser({ ...input, id: newId('user') })
    this.saveUsers()
    this.emit({ type: 'user.created', user })
    return user
  }

  updateUser(user: User, input: { firstName?: string | null; lastName?: string | null }): void {
    if (input.firstName !== undefined) user.firstName = input.firstName
    if (input.lastName !== undefined) user.lastName = input.lastName
    // Strictly later, so an update in the same millisecond still orders after the last.
    user.updatedAt = Math.max(Date.now(), user.updatedAt + 1)
    this.saveUsers()
    this.emit({ type: 'user.updated', user })
  }

  /** Deletes the user with their sessions and memberships, as Clerk does. */
  deleteUser(user: User): void {
    for (const membership of this.membershipsOfUser(user.id)) {
      this.memberships.delete(membership.id)
      this.emit({ type: 'organizationMembership.deleted', membership })
    }
    for (const session of this.sessions.values()) {
      if (session.userId === user.id) session.status = 'removed'
    }
    this.users.delete(user.id)
    this.saveUsers()
    this.saveOrganizations()
    this.emit({ type: 'user.deleted', id: user.id })
  }

  private saveUsers(): void {
    if (this.usersFile) {
      const seeded = new Set(this.seedUsers.map((seed) => seed.id))
      const created = [...this.users.values()]
        .filter((existing) => !seeded.has(existing.id))
        .map(({ id, email, password, firstName, lastName }) => ({
          id,
          email,
          password,
          firstName: firstName || undefined,
          lastName: lastName || undefined,
        }))
      mkdirSync(path.dirname(this.usersFile), { recursive: true })
      writeFileSync(this.usersFile, `${JSON.stringify(created, null, 2)}\n`)
    }
  }

  createClient(): Client {
    const now = Date.now()
    const client: Client = {
      id: newId('client'),
      sessionIds: [],
      signIn: null,
      signUp: null,
      lastActiveSessionId: null,
      createdAt: now,
      updatedAt: now,
    }
    this.clients.set(client.id, client)
    return client
  }

  activeSessions(client: Client): Session[] {
    return client.sessionIds
      .map((id) => this.sessions.get(id))
      .filter((session): session is Session => session?.status === 'active')
  }

  /** Single-session mode, like a default Clerk instance: a new sign-in replaces the old one. */
  startSession(client: Client, userId: string): Session {
    for (const session of this.activeSessions(client)) session.status = 'ended'
    const now = Date.now()
    const session: Session = {
      id: newId('sess'),
      userId,
      status: 'active',
      activeOrganizationId: null,
      createdAt: now,
      lastActiveAt: now,
    }
    this.sessions.set(session.id, session)
    client.sessionIds.push(session.id)
    client.lastActiveSessionId = session.id
    client.updatedAt = now
    const user = this.users.get(userId)
    if (user) user.lastSignInAt = now
    return session
  }

  endSession(client: Client, session: Session, status: 'ended' | 'removed'): void {
    session.status = status
    if (client.lastActiveSessionId === session.id) client.lastActiveSessionId = null
    client.updatedAt = Date.now()
  }

  private insertOrganization(
    id: string,
    name: string,
    slug: string,
    createdBy: string | null,
  ): Organization {
    const now = Date.now()
    const organization = { id, name, slug, createdBy, createdAt: now, updatedAt: now }
    this.organizations.set(id, organization)
    return organization
  }

  private insertMembership(organizationId: string, userId: string, role: OrganizationRole) {
    const now = Date.now()
    const membership: Membership = {
      id: newId('orgmem'),
      organizationId,
      userId,
      role,
      createdAt: now,
      updatedAt: now,
    }
    this.memberships.set(membership.id, membership)
    return membership
  }

  findOrganizationBySlug(slug: string): Organization | undefined {
    for (const organization of this.organizations.values()) {
      if (organization.slug === slug) return organization
    }
    return undefined
  }

  /** A user's memberships, oldest first (the order Clerk lists them in). */
  membershipsOfUser(userId: string): Membership[] {
    return [...this.memberships.values()]
      .filter((membership) => membership.userId === userId)
      .sort((a, b) => a.createdAt - b.createdAt)
  }

  membershipsOfOrganization(organizationId: string): Membership[] {
    return [...this.memberships.values()]
      .filter((membership) => membership.organizationId === organizationId)
      .sort((a, b) => a.createdAt - b.createdAt)
  }

  findMembership(organizationId: string, userId: string): Membership | undefined {
    for (const membership of this.memberships.values()) {
      if (membership.organizationId === organizationId && membership.userId === userId) {
        return membership
      }
    }
    return undefined
  }

  /** Why Clerk would refuse this name and slug for `organization` (or a new one), if it would. */
  organizationProblem(
    name: string,
    slug: string,
    organization?: Organization,
  ): OrganizationProblem | undefined {
    if (!name.trim()) return 'name_missing'
    if (!isOrganizationSlug(slug)) return 'slug_invalid'
    const holder = this.findOrganizationBySlug(slug)
    if (holder && holder !== organization) return 'slug_taken'
    return undefined
  }

  /**
   * A new organization with its creator as its admin (when there is one), as Clerk does; the slug
   * defaults to one made from the name. A string says why it was refused.
   */
  createOrganization(input: {
    name: string
    slug?: string
    createdBy: string | null
  }): Organization | OrganizationProblem {
    const name = input.name.trim()
    const slug = input.slug?.trim() || slugFor(name)
    const problem = this.organizationProblem(name, slug)
    if (problem) return problem
    const organization = this.insertOrganization(newId('org'), name, slug, input.createdBy)
    this.emit({ type: 'organization.created', organization })
    if (input.createdBy) {
      const membership = this.insertMembership(organization.id, input.createdBy, 'org:admin')
      this.emit({ type: 'organizationMembership.created', membership })
    }
    this.saveOrganizations()
    return organization
  }

  updateOrganization(
    organization: Organization,
    input: { name?: string; slug?: string },
  ): OrganizationProblem | undefined {
    const name = input.name?.trim() || organization.name
    const slug = input.slug?.trim() || organization.slug
    const problem = this.organizationProblem(name, slug, organization)
    if (problem) return problem
    Object.assign(organization, {
      name,
      slug,
      updatedAt: Math.max(Date.now(), organization.updatedAt + 1),
    })
    this.saveOrganizations()
    this.emit({ type: 'organization.updated', organization })
    return undefined
  }

  /** Whether removing `membership`, or giving it `role`, would leave its organization adminless. */
  isLastAdmin(membership: Membership, role?: OrganizationRole): boolean {
    if (membership.role !== 'org:admin' || role === 'org:admin') return false
    const admins = this.membershipsOfOrganization(membership.organizationId).filter(
      (other) => other.role === 'org:admin',
    )
    return admins.length === 1
  }

  addMembership(organizationId: string, userId: string, role: OrganizationRole): Membership {
    const membership = this.insertMembership(organizationId, userId, role)
    this.saveOrganizations()
    this.emit({ type: 'organizationMembership.created', membership })
    return membership
  }

  updateMembership(membership: Membership, role: OrganizationRole): void {
    membership.role = role
    membership.updatedAt = Math.max(Date.now(), membership.updatedAt + 1)
    this.saveOrganizations()
    this.emit({ type: 'organizationMembership.updated', membership })
  }

  /**
   * Ends a membership. The user's sessions that had the organization active fall back to the
   * personal account, so their next token no longer names it: access ends at the next refresh.
   */
  removeMembership(membership: Membership): void {
    this.memberships.delete(membership.id)
    for (const session of this.sessions.values()) {
      if (
        session.userId === membership.userId &&
        session.activeOrganizationId === membership.organizationId
      ) {
        session.activeOrganizationId = null
      }
    }
    this.saveOrganizations()
    this.emit({ type: 'organizationMembership.deleted', membership })
  }

  deleteOrganization(organization: Organization): void {
    for (const membership of this.membershipsOfOrganization(organization.id)) {
      this.memberships.delete(membership.id)
      this.emit({ type: 'organizationMembership.deleted', membership })
    }
    this.organizations.delete(organization.id)
    for (const session of this.sessions.values()) {
      if (session.activeOrganizationId === organization.id) session.activeOrganizationId = null
    }
    this.saveOrganizations()
    this.emit({ type: 'organization.deleted', id: organization.id })
  }

  /**
   * The organizations made at run time, with their members. The seeded ones start as seeded
   * on every restart, like the seeded users.
   */
  private saveOrganizations(): void {
    if (!this.organizationsFile) return
    const seeded = new Set(this.seedOrganizations.map((seed) => seed.id))
    const created = [...this.organizations.values()].filter(({ id }) => !seeded.has(id))
    const organizations: SeedOrganization[] = created.map((organization) => ({
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      members: this.membershipsOfOrganization(organization.id).map(({ userId, role }) => ({
        userId,
        role,
      })),
    }))
    mkdirSync(path.dirname(this.organizationsFile), { recursive: true })
    writeFileSync(this.organizationsFile, `${JSON.stringify(organizations, null, 2)}\n`)
  }
}
