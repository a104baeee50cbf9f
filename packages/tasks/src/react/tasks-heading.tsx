import { useHydrated } from './use-hydrated.ts'

export interface TasksHeadingProps {
  /**
   * The active organization's slug from the session token (`orgSlug`), which the server and the
   * browser both know; null or undefined for the personal account.
   */
  slug: string | null | undefined
  /** clerk-js's active organization (the framework's useOrganization()), once it has loaded. */
  active?: { slug: string | null; name: string } | null
}

/**
 * The tasks pages' heading, naming the active organization when there is one ("Tasks in Acme");
 * the personal tasks are just "Tasks". The token carries the slug but not the name, and asking
 * Clerk for the name would cost a request per render, so the server renders the slug and the
 * browser puts the name clerk-js holds in its place once hydrated (the same organization only:
 * mid-switch, the page still shows the previous one's tasks).
 */
export function TasksHeading({ slug, active }: TasksHeadingProps) {
  const hydrated = useHydrated()
  const label = hydrated && active && slug && active.slug === slug ? active.name : slug
  return <h1 id="tasks-heading">{label ? `Tasks in ${label}` : 'Tasks'}</h1>
}
