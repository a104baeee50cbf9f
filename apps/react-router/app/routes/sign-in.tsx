import { SignIn } from '@clerk/react-router'

export default function SignInPage() {
  return <SignIn />
}
