import { ClientTasksPage } from '../components/client-tasks-page'

// The seed's client-side page: the browser talks to Supabase with the user's Clerk token.
export default function HomePage() {
  return <ClientTasksPage />
}
