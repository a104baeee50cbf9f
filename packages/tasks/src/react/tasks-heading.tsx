import { useHydrated } from './use-hydrated.ts'

/**
 * The active organization as the session token names it (`orgId`, `orgSlug` of the framework's
 * auth), which the server and the browser both know; null for the personal account.
 */
export interface TokenOrganization {
  id: string
  slug: string | null
}

export interface TasksHeadingProps {
  organization: TokenOrganization | null | undefined
  /** clerk-js's active organization (the framework's useOrganization()), once it has loaded. */
  active?: { id: string; name: string } | null
}

/**
 * The tasks pages' heading, naming the active organization when there is one ("Tasks in Acme");
 * the personal tasks are just "Tasks". The token carries the slug but not the name, and asking
 * Clerk for the name would cost a request per render, so the server renders the slug and the
 * browser puts the name clerk-js holds in its place once hydrated: for the same organization
 * only, since mid-switch the page still shows the previous one's tasks.
 */
export function TasksHeading({ organization, active }: TasksHeadingProps) {
  const hydrated = useHydrated()
  const label = !organization
    ? null
    : hydrated && active?.id === organization.id
      ? active.name
      : // An instance with slugs turned off has none in its tokens.
        (organization.slug ?? 'your organization')
  return <h1 id="tasks-heading">{label ? `Tasks in ${label}` : 'Tasks'}</h1>
}
