import { SignUp } from '@clerk/nextjs'
import { AfterHydration } from '@repo/tasks/react'

export default function SignUpPage() {
  return (
    <AfterHydration>
      <SignUp />
    </AfterHydration>
  )
}
