'use client'
import { useAuth, useOrganization, useUser } from '@clerk/nextjs'
import { useClerkSupabaseClient } from '@repo/supabase-clerk/next'
import { ClientTasks } from '@repo/tasks/react'
import { supabaseEnv } from '../lib/env'

/**
 * One page body per active organization: switching starts it afresh (list, pending changes and
 * the Supabase client). The client must be made anew: it mints tokens through the Clerk session
 * object it was made with, and clerk-js replaces that object as the session changes, so a client
 * kept across a switch would go on sending the previous organization's token.
 */
export function ClientTasksPage() {
  const { orgId } = useAuth()
  return <OrganizationTasks key={orgId ?? 'personal'} />
}

/** Next's hooks feed the shared page body: Clerk's user and organization, and a client. */
function OrganizationTasks() {
  const { user } = useUser()
  const { organization } = useOrganization()
  const client = useClerkSupabaseClient(supabaseEnv)
  return <ClientTasks client={client} userId={user?.id} organization={organization} />
}
