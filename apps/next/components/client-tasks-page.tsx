'use client'
import { useUser } from '@clerk/nextjs'
import { useClerkSupabaseClient } from '@repo/supabase-clerk/next'
import { ClientTasks } from '@repo/tasks/react'
import { supabaseEnv } from '../lib/env'

/** Next's hooks feed the shared page body: Clerk's user, and a client bound to its session. */
export function ClientTasksPage() {
  const { user } = useUser()
  const client = useClerkSupabaseClient(supabaseEnv)
  return <ClientTasks client={client} userId={user?.id} />
}
