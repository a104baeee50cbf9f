import {
  OrganizationSwitcher as ClerkOrganizationSwitcher,
  SignIn as ClerkSignIn,
  SignUp as ClerkSignUp,
  UserButton as ClerkUserButton,
} from '@clerk/remix'
import { AfterHydration } from '@repo/tasks/react'
import type { ComponentProps } from 'react'

// Clerk's UI components, rendered once React has hydrated the page. @clerk/remix's provider hears
// that clerk-js is ready only through a listener it adds after hydration, and Remix hydrates in a
// transition, which yields: on a slow device clerk-js can finish first, and the components then
// never appear. Rendered after hydration they read clerk-js's state as it is.
// docs/frameworks.md ("Clerk's components wait for hydration") has the whole story.

export function SignIn(props: ComponentProps<typeof ClerkSignIn>) {
  return (
    <AfterHydration>
      <ClerkSignIn {...props} />
    </AfterHydration>
  )
}

export function SignUp(props: ComponentProps<typeof ClerkSignUp>) {
  return (
    <AfterHydration>
      <ClerkSignUp {...props} />
    </AfterHydration>
  )
}

export function UserButton(props: ComponentProps<typeof ClerkUserButton>) {
  return (
    <AfterHydration>
      <ClerkUserButton {...props} />
    </AfterHydration>
  )
}

export function OrganizationSwitcher(props: ComponentProps<typeof ClerkOrganizationSwitcher>) {
  return (
    <AfterHydration>
      <ClerkOrganizationSwitcher {...props} />
    </AfterHydration>
  )
}
