'use client'
import { useAuth, useOrganization, useUser } from '@clerk/nextjs'
import { useClerkSupabaseClient } from '@repo/supabase-clerk-next'
import { ClientTasks, type TokenOrganization } from '@repo/tasks/react'
import { supabaseEnv } from '../lib/env'

/**
 * One page body per active organization (keyed by the token's orgId, known before clerk-js
 * loads): switching starts it afresh, so an add still in flight for the previous organization
 * cannot land in the new one's list.
 */
export function ClientTasksPage() {
  const { orgId, orgSlug } = useAuth()
  const organization = orgId ? { id: orgId, slug: orgSlug ?? null } : null
  return <OrganizationTasks key={orgId ?? 'personal'} organization={organization} />
}

/** Next's hooks feed the shared page body: Clerk's user and organization, and a client. */
function OrganizationTasks({ organization }: { organization: TokenOrganization | null }) {
  const { user } = useUser()
  const { organization: active } = useOrganization()
  const client = useClerkSupabaseClient(supabaseEnv)
  return (
    <ClientTasks
      client={client}
      userId={user?.id}
      organization={organization}
      activeOrganization={active}
    />
  )
}
