import { SignIn } from '@clerk/nextjs'
import { AfterHydration } from '../../../components/after-hydration'

export default function SignInPage() {
  return (
    <AfterHydration>
      <SignIn />
    </AfterHydration>
  )
}
