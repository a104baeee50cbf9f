import { auth } from '@clerk/nextjs/server'
import { createServerSupabaseClient } from '@repo/supabase-clerk-next/server'
import { listTasks } from '@repo/tasks'
import { DataErrorAlert } from '@repo/tasks/react'
import { supabaseEnv } from '../../lib/env'
import { AddTaskForm } from './add-task-form'
import { OrganizationHeading } from './organization-heading'
import { TaskRow } from './task-row'

// Rendered per request for the signed-in user; never cached across users.
export const dynamic = 'force-dynamic'

export default async function ServerTasksPage() {
  // The slug is in the session token; the organization's name would take a request to Clerk.
  const { orgId, orgSlug } = await auth()
  const result = await listTasks(createServerSupabaseClient(supabaseEnv))
  return (
    <section aria-labelledby="tasks-heading">
      <OrganizationHeading organization={orgId ? { id: orgId, slug: orgSlug ?? null } : null} />
      <p>
        Rendered on the server with your Clerk session token; changes go through Server Actions.
      </p>
      <AddTaskForm />
      {result.ok ? (
        result.data.length === 0 ? (
          <p>No tasks yet</p>
        ) : (
          <ul className="task-list" aria-label="Your tasks">
            {result.data.map((task) => (
              <TaskRow key={task.id} task={task} />
            ))}
          </ul>
        )
      ) : (
        <DataErrorAlert error={result.error} />
      )}
    </section>
  )
}
