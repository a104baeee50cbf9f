import crypto from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { SeedUser } from '@repo/local-stack'

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
  createdAt: number
  lastActiveAt: number
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

/**
 * The emulator's whole state, in memory. Users created by sign-up or the Backend API can be
 * kept in a file so a dev restart does not orphan their rows in the database.
 */
export class Store {
  readonly users = new Map<string, User>()
  readonly clients = new Map<string, Client>()
  readonly sessions = new Map<string, Session>()
  readonly handshakeNonces = new Map<
    string,
    { clientId: string | undefined; suffixed: boolean; origin: string; createdAt: number }
  >()

  constructor(
    private readonly seedUsers: SeedUser[],
    private readonly usersFile?: string,
  ) {
    this.reset()
  }

  reset(): void {
    this.users.clear()
    this.clients.clear()
    this.sessions.clear()
    this.handshakeNonces.clear()
    for (const seed of this.seedUsers) this.insertUser(seed)
    if (this.usersFile && existsSync(this.usersFile)) {
      const saved = JSON.parse(readFileSync(this.usersFile, 'utf8')) as SeedUser[]
      for (const user of saved) if (!this.users.has(user.id)) this.insertUser(user)
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

  findUserByEmail(email: string): User | undefined {
    const wanted = email.trim().toLowerCase()
    for (const user of this.users.values()) if (user.email === wanted) return user
    return undefined
  }

  createUser(input: Omit<SeedUser, 'id'>): User {
    const user = this.insertUser({ ...input, id: newId('user') })
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
    return user
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
}
