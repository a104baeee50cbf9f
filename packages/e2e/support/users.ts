// Each Playwright worker gets people and organizations of its own, created through the Clerk
// emulator's Backend API as an app's server would create them, so scenarios running at the same
// time never share a row, a session or an organization. They mirror the seeded cast
// (packages/local-stack): alice admin of Acme with bob as a member, carol admin of Globex.
import { expect } from '@playwright/test'
import { createClient } from '@supabase/supabase-js'
import type { StackInfo } from './stack.ts'

export interface Person {
  id: string
  email: string
  password: string
  /** What the profiles mirror calls them ("added by Bob Example"). */
  displayName: string
}

export interface Cast {
  alice: Person
  bob: Person
  carol: Person
  acme: { id: string; name: 'Acme' }
  globex: { id: string; name: 'Globex' }
}

/** A Backend API call, as a server with the instance's secret key makes it. */
export async function backendApi<T = { id: string }>(
  stack: StackInfo,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${stack.clerkEnv.next.CLERK_API_URL}/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${stack.clerkEnv.next.CLERK_SECRET_KEY}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (response.status !== 200) {
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`)
  }
  return (await response.json()) as T
}

async function createPerson(stack: StackInfo, first: string, tag: string): Promise<Person> {
  const email = `${first.toLowerCase()}-${tag}@example.com`
  const password = `${first.toLowerCase()}-${tag}-password`
  const user = await backendApi(stack, 'POST', '/users', {
    email_address: [email],
    password,
    first_name: first,
    last_name: 'Example',
  })
  return { id: user.id, email, password, displayName: `${first} Example` }
}

async function createOrganization<Name extends string>(
  stack: StackInfo,
  name: Name,
  tag: string,
  admin: Person,
): Promise<{ id: string; name: Name }> {
  const organization = await backendApi(stack, 'POST', '/organizations', {
    name,
    slug: `${name.toLowerCase()}-${tag}`,
    created_by: admin.id,
  })
  return { id: organization.id, name }
}

/**
 * The worker's cast, ready to use: Clerk knows them, and the profiles mirror (kept by the apps'
 * webhook routes) has everyone, so "added by …" reads their names.
 */
export async function createCast(stack: StackInfo, tag: string): Promise<Cast> {
  const alice = await createPerson(stack, 'Alice', tag)
  const bob = await createPerson(stack, 'Bob', tag)
  const carol = await createPerson(stack, 'Carol', tag)
  const acme = await createOrganization(stack, 'Acme', tag, alice)
  await backendApi(stack, 'POST', `/organizations/${acme.id}/memberships`, {
    user_id: bob.id,
    role: 'org:member',
  })
  const globex = await createOrganization(stack, 'Globex', tag, carol)
  const service = createClient(stack.supabaseUrl, stack.serviceRoleKey)
  const people = [alice.id, bob.id, carol.id]
  await expect
    .poll(
      async () => {
        const [profiles, memberships] = await Promise.all([
          service.from('profiles').select('display_name').in('id', people),
          service
            .from('organization_memberships')
            .select('organization_id, user_id')
            .in('user_id', people),
        ])
        return {
          profiles: (profiles.data ?? []).map((row) => row.display_name).sort(),
          memberships: (memberships.data ?? []).length,
        }
      },
      { message: 'the webhooks mirrored the worker’s people', timeout: 60_000 },
    )
    .toEqual({ profiles: ['Alice Example', 'Bob Example', 'Carol Example'], memberships: 3 })
  return { alice, bob, carol, acme, globex }
}
