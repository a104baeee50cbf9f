import { useOrganization } from '@clerk/react-router'
import { getAuth } from '@clerk/react-router/server'
import type { DataError } from '@repo/supabase-clerk'
import { createServerSupabaseClient } from '@repo/supabase-clerk-react-router/server'
import { listTasks, runTaskAction, type Task } from '@repo/tasks'
import { DataErrorAlert, TaskAuthor, TaskNameField, TasksHeading } from '@repo/tasks/react'
import { useEffect, useRef } from 'react'
import { Form, useFetcher, useNavigation } from 'react-router'
import { supabaseEnv } from '../lib/env.server'
import type { Route } from './+types/ssr'

// Signed-out visitors never reach the loader or the action: the signed-in layout's middleware
// (routes/signed-in.tsx) runs first.
export async function loader(args: Route.LoaderArgs) {
  // The slug is in the session token (clerkMiddleware has read it); the organization's name would
  // take a request to Clerk.
  const { orgId, orgSlug } = await getAuth(args)
  const result = await listTasks(createServerSupabaseClient(args, supabaseEnv))
  const organization = orgId ? { id: orgId, slug: orgSlug ?? null } : null
  return result.ok
    ? { organization, tasks: result.data, error: null }
    : { organization, tasks: [], error: result.error }
}

export async function action(args: Route.ActionArgs) {
  return runTaskAction(createServerSupabaseClient(args, supabaseEnv), await args.request.formData())
}

// Typed by React Router's typegen (./+types/ssr): loaderData and actionData need no generics.
export default function ServerTasks({ loaderData, actionData }: Route.ComponentProps) {
  const { organization, tasks, error } = loaderData
  // Its name, once clerk-js has loaded (the token, and so the loader, has only the slug).
  const { organization: active } = useOrganization()
  const navigation = useNavigation()
  const adding = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'add'
  const addResult = actionData?.intent === 'add' ? actionData : undefined
  // A row's form posted without JavaScript comes back here rather than to its fetcher.
  const rowResult = actionData?.intent === 'add' ? undefined : actionData
  const addForm = useRef<HTMLFormElement>(null)
  // Clear the field once the task is saved. A refused name needs nothing: the field still holds
  // what was typed (and without JavaScript the server renders it back as the default value).
  useEffect(() => {
    if (addResult && !addResult.nameError && !addResult.error) addForm.current?.reset()
  }, [addResult])

  return (
    <section aria-labelledby="tasks-heading">
      <TasksHeading organization={organization} active={active} />
      <p>
        Rendered on the server with your Clerk session token; changes go through React Router
        actions.
      </p>
      {/* A plain form: it works before (or without) JavaScript too. */}
      <Form ref={addForm} method="post" className="task-form" noValidate>
        <input type="hidden" name="intent" value="add" />
        <TaskNameField defaultValue={addResult?.name ?? ''} error={addResult?.nameError} />
        <button type="submit" disabled={adding}>
          {adding ? 'Adding…' : 'Add'}
        </button>
      </Form>
      <DataErrorAlert error={addResult?.error} />
      {error ? (
        <DataErrorAlert error={error} />
      ) : tasks.length === 0 ? (
        <p>No tasks yet</p>
      ) : (
        <ul className="task-list" aria-label="Your tasks">
          {tasks.map((task) => (
            <TaskRow
              key={task.id}
              task={task}
              postedError={rowResult?.id === task.id ? rowResult.error : null}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

/**
 * Each row changes through its own fetcher, so rows update without a navigation. A refused
 * change is told beside the row, which stays (the loader still lists it).
 */
function TaskRow({ task, postedError }: { task: Task; postedError: DataError | null }) {
  const fetcher = useFetcher<typeof action>()
  const pendingIntent = fetcher.formData?.get('intent')
  // Show the change at once; the loader's data takes over when the fetcher settles.
  const done = pendingIntent === 'toggle' ? fetcher.formData?.get('done') === 'true' : task.done
  if (pendingIntent === 'delete') return null
  return (
    <li className={done ? 'done' : undefined} aria-busy={fetcher.state !== 'idle'}>
      <span className="name">{task.name}</span>
      <TaskAuthor task={task} />
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="toggle" />
        <input type="hidden" name="id" value={task.id} />
        <input type="hidden" name="done" value={String(!task.done)} />
        <label>
          <input
            type="checkbox"
            checked={done}
            // With JavaScript the box submits itself; without it, the Save button below does.
            // flushSync: router state renders in a transition, so without it React would first
            // put this controlled box back to its old value, and it would flicker.
            onChange={(event) => fetcher.submit(event.currentTarget.form, { flushSync: true })}
          />{' '}
          Done
        </label>
        <noscript>
          <button type="submit">Save</button>
        </noscript>
      </fetcher.Form>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="id" value={task.id} />
        <button type="submit">Delete</button>
      </fetcher.Form>
      <DataErrorAlert error={fetcher.data?.error ?? postedError} />
    </li>
  )
}
