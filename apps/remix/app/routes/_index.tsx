import { useAuth, useOrganization, useUser } from '@clerk/remix'
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

// The client-side page of Clerk's Supabase guide: the browser talks to Supabase with the user's
// Clerk token. One page body per active organization (keyed by the token's orgId, known before
// clerk-js loads): switching starts it afresh, so an add still in flight for the previous
// organization cannot land in the new one's list.
export default function Index() {
  const { orgId, orgSlug } = useAuth()
  return <OrganizationTasks key={orgId ?? 'personal'} slug={orgSlug ?? null} />
}

function OrganizationTasks({ slug }: { slug: string | null }) {
  const root = useRouteLoaderData<typeof rootLoader>('root')
  if (!root) throw new Error('The root loader did not run')
  const client = useClerkSupabaseClient(root.supabase)
  const { user } = useUser()
  const { organization } = useOrganization()
  return (
    <ClientTasks
      client={client}
      userId={user?.id}
      organization={organization}
      organizationSlug={slug}
    />
  )
}
