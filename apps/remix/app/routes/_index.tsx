import { useUser } from '@clerk/remix'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { useRouteLoaderData } from '@remix-run/react'
import { useClerkSupabaseClient } from '@repo/supabase-clerk/remix'
import { ClientTasks } from '@repo/tasks/react'
import { requireSignedIn } from '../lib/auth.server'
import type { loader as rootLoader } from '../root'

export async function loader(args: LoaderFunctionArgs) {
  await requireSignedIn(args)
  return null
}

// The client-side page of Clerk's Supabase guide: the browser talks to Supabase with the user's Clerk token.
export default function Index() {
  const root = useRouteLoaderData<typeof rootLoader>('root')
  if (!root) throw new Error('The root loader did not run')
  const client = useClerkSupabaseClient(root.supabase)
  const { user } = useUser()
  return <ClientTasks client={client} userId={user?.id} />
}
