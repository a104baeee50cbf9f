'use client'
import { useAuth, useOrganization, useUser } from '@clerk/nextjs'
import { useClerkSupabaseClient } from '@repo/supabase-clerk/next'
import { ClientTasks } from '@repo/tasks/react'
import { supabaseEnv } from '../lib/env'

/**
 * One page body per active organization (keyed by the token's orgId, known before clerk-js
 * loads): switching starts it afresh, so an add still in flight for the previous organization
 * cannot land in the new one's list.
 */
export function ClientTasksPage() {
  const { orgId, orgSlug } = useAuth()
  return <OrganizationTasks key={orgId ?? 'personal'} slug={orgSlug ?? null} />
}

/** Next's hooks feed the shared page body: Clerk's user and organization, and a client. */
function OrganizationTasks({ slug }: { slug: string | null }) {
  const { user } = useUser()
  const { organization } = useOrganization()
  const client = useClerkSupabaseClient(supabaseEnv)
  return (
    <ClientTasks
      client={client}
      userId={user?.id}
      organization={organization}
      organizationSlug={slug}
    />
  )
}
