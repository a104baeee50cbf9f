import { SignUp } from '@clerk/nextjs'
import { AfterHydration } from '../../../components/after-hydration'

export default function SignUpPage() {
  return (
    <AfterHydration>
      <SignUp />
    </AfterHydration>
  )
}
