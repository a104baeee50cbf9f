/** The "New task" input with its validation message beside it (shared by both pages). */
export function TaskNameField(
  props:
    | { value: string; onChange: (value: string) => void; error: string | null | undefined }
    | {
        defaultValue: string
        error: string | null | undefined
        /** While a submission is pending, when what is typed meanwhile would be thrown away. */
        readOnly?: boolean
      },
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
          : { defaultValue: props.defaultValue, readOnly: props.readOnly })}
      />
      {props.error ? (
        <p id={errorId} role="alert" className="field-error">
          {props.error}
        </p>
      ) : null}
    </>
  )
}
