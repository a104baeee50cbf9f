'use client'
import { useOrganization } from '@clerk/nextjs'
import { TasksHeading, type TokenOrganization } from '@repo/tasks/react'

/** The page's heading: the token's slug from the server, then the name clerk-js holds. */
export function OrganizationHeading({ organization }: { organization: TokenOrganization | null }) {
  const { organization: active } = useOrganization()
  return <TasksHeading organization={organization} active={active} />
}
