// The signed-in user the framework parts measure: a fresh emulator user with `taskCount`
// personal tasks, signed in over the Frontend API as clerk-js would.
import { type HttpSession, signInOverHttp } from '@repo/clerk-emulator/testing'

export interface BenchUser {
  id: string
  email: string
  password: string
  session: HttpSession
  /** The names of their tasks, oldest first, as the pages list them. */
  taskNames: string[]
}

export async function createBenchUser(options: {
  emulatorUrl: string
  supabaseUrl: string
  serviceRoleKey: string
  appOrigin: string
  taskCount: number
}): Promise<BenchUser> {
  const email = `bench-${Date.now().toString(36)}@example.com`
  const password = 'bench-password-2026'
  const response = await fetch(`${options.emulatorUrl}/__emulator/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!response.ok) throw new Error(`creating the bench user failed: ${await response.text()}`)
  const { id } = (await response.json()) as { id: string }
  const taskNames = Array.from(
    { length: options.taskCount },
    (_, index) => `bench task ${String(index + 1).padStart(3, '0')}`,
  )
  // Through the data API with the service key, the way a backend job would add them.
  const inserted = await fetch(`${options.supabaseUrl}/rest/v1/tasks`, {
    method: 'POST',
    headers: {
      apikey: options.serviceRoleKey,
      authorization: `Bearer ${options.serviceRoleKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(taskNames.map((name) => ({ name, user_id: id, organization_id: null }))),
  })
  if (!inserted.ok)
    throw new Error(`adding the bench user's tasks failed: ${await inserted.text()}`)
  const session = await signInOverHttp(options.emulatorUrl, email, password, options.appOrigin)
  return { id, email, password, session, taskNames }
}
