import { SignIn } from '@clerk/nextjs'
import { AfterHydration } from '@repo/tasks/react'

export default function SignInPage() {
  return (
    <AfterHydration>
      <SignIn />
    </AfterHydration>
  )
}
