import { SignUp } from '../components/clerk'

export default function SignUpPage() {
  return <SignUp />
}
