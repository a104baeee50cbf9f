'use client'
import { useOrganization } from '@clerk/nextjs'
import { TasksHeading } from '@repo/tasks/react'

/** The page's heading: the token's slug from the server, then the name clerk-js holds. */
export function OrganizationHeading({ slug }: { slug: string | null }) {
  const { organization } = useOrganization()
  return <TasksHeading slug={slug} active={organization} />
}
