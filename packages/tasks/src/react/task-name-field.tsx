/** The "New task" input with its validation message beside it (shared by both pages). */
export function TaskNameField(
  props:
    | { value: string; onChange: (value: string) => void; error: string | null | undefined }
    | { defaultValue: string; error: string | null | undefined },
) {
  const errorId = 'new-task-error'
  return (
    <>
      <label htmlFor="new-task">New task</label>
      <input
        id="new-task"
        name="name"
        type="text"
        autoComplete="off"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        {...('value' in props
          ? { value: props.value, onChange: (event) => props.onChange(event.target.value) }
          : { defaultValue: props.defaultValue })}
      />
      {props.error ? (
        <p id={errorId} role="alert" className="field-error">
          {props.error}
        </p>
      ) : null}
    </>
  )
}
