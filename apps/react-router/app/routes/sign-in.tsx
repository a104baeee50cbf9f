import { SignIn } from '../components/clerk'

export default function SignInPage() {
  return <SignIn />
}
