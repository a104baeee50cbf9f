'use client'
import { DataErrorAlert, TaskNameField } from '@repo/tasks/react'
import { useActionState } from 'react'
import { type AddTaskState, addTaskAction } from './actions'

const initial: AddTaskState = { name: '', nameError: null, error: null }

/** A plain form posting to a Server Action: it works before (or without) JavaScript too. */
export function AddTaskForm() {
  const [state, formAction, pending] = useActionState(addTaskAction, initial)
  return (
    <>
      <form className="task-form" action={formAction} noValidate>
        {/* Keyed by the returned name so a refused name is put back after React resets the form.
            That reset (and the re-mount) would also wipe anything typed while the action runs,
            so the field takes no typing until it returns. */}
        <TaskNameField
          key={state.name}
          defaultValue={state.name}
          error={state.nameError}
          readOnly={pending}
        />
        <button type="submit" disabled={pending}>
          {pending ? 'Adding…' : 'Add'}
        </button>
      </form>
      <DataErrorAlert error={state.error} />
    </>
  )
}
