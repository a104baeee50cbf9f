'use client'
import type { Task } from '@repo/tasks'
import { DataErrorAlert, TaskAuthor } from '@repo/tasks/react'
import { useActionState } from 'react'
import { deleteTaskAction, type RowActionState, toggleTaskAction } from './actions'

const initial: RowActionState = { error: null }

export function TaskRow({ task }: { task: Task }) {
  const [toggleState, toggle, toggling] = useActionState(toggleTaskAction, initial)
  const [deleteState, remove, deleting] = useActionState(deleteTaskAction, initial)
  return (
    <li className={task.done ? 'done' : undefined} aria-busy={toggling || deleting}>
      <span className="name">{task.name}</span>
      <TaskAuthor task={task} />
      <form action={toggle}>
        <input type="hidden" name="id" value={task.id} />
        <input type="hidden" name="done" value={String(!task.done)} />
        <label>
          <input
            // Uncontrolled so the tick shows at once; re-keyed when the server's value arrives.
            key={String(task.done)}
            type="checkbox"
            defaultChecked={task.done}
            // With JavaScript the box submits itself; without it, the Save button below does.
            onChange={(event) => event.currentTarget.form?.requestSubmit()}
          />{' '}
          Done
        </label>
        <noscript>
          <button type="submit">Save</button>
        </noscript>
      </form>
      <form action={remove}>
        <input type="hidden" name="id" value={task.id} />
        <button type="submit" disabled={deleting}>
          Delete
        </button>
      </form>
      <DataErrorAlert error={toggleState.error ?? deleteState.error} />
    </li>
  )
}
