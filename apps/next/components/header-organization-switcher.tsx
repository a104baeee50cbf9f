'use client'
import { OrganizationSwitcher } from '@clerk/nextjs'
import { usePathname } from 'next/navigation'

/**
 * Clerk's organization switcher, personal account included (Clerk's default). Switching needs no
 * URL here: @clerk/nextjs refreshes the router once setActive has the new session token in the
 * cookie, so the server-rendered page renders again for the new organization, and the client
 * page reads again when useAuth().orgId changes. Creating or leaving an organization navigates
 * afterwards, by default to the instance's configured URL: keep the user on this page instead.
 */
export function HeaderOrganizationSwitcher() {
  const pathname = usePathname()
  return (
    <OrganizationSwitcher
      afterCreateOrganizationUrl={pathname}
      afterLeaveOrganizationUrl={pathname}
      // Invitations by email are beyond this kit (the local Clerk emulator sends none).
      skipInvitationScreen
    />
  )
}
