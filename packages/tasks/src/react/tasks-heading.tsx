/**
 * The tasks pages' heading, naming the active organization when there is one ("Tasks in Acme");
 * with none, the personal tasks are just "Tasks". The server-rendered pages pass the slug from the
 * session token, since the organization's name is not in it and fetching it from Clerk would cost
 * a request per render; the client page passes the name clerk-js already holds.
 */
export function TasksHeading({ organization }: { organization?: string | null }) {
  return <h1 id="tasks-heading">{organization ? `Tasks in ${organization}` : 'Tasks'}</h1>
}
