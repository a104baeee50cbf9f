import { useAuth, useOrganization, useUser } from '@clerk/remix'
import { useRouteLoaderData } from '@remix-run/react'
import { useClerkSupabaseClient } from '@repo/supabase-clerk-remix'
import { ClientTasks, type TokenOrganization } from '@repo/tasks/react'
import type { loader as rootLoader } from '../root'

// The client-side page of Clerk's Supabase guide: the browser talks to Supabase with the user's
// Clerk token, so the page needs no loader (the signed-in layout's check covers it). One page body per active organization (keyed by the token's orgId, known before
// clerk-js loads): switching starts it afresh, so an add still in flight for the previous
// organization cannot land in the new one's list.
export default function Index() {
  const { orgId, orgSlug } = useAuth()
  const organization = orgId ? { id: orgId, slug: orgSlug ?? null } : null
  return <OrganizationTasks key={orgId ?? 'personal'} organization={organization} />
}

function OrganizationTasks({ organization }: { organization: TokenOrganization | null }) {
  const root = useRouteLoaderData<typeof rootLoader>('root')
  if (!root) throw new Error('The root loader did not run')
  const client = useClerkSupabaseClient(root.supabase)
  const { user } = useUser()
  const { organization: active } = useOrganization()
  return (
    <ClientTasks
      client={client}
      userId={user?.id}
      organization={organization}
      activeOrganization={active}
    />
  )
}
