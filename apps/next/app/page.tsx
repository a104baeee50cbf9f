import { ClientTasksPage } from '../components/client-tasks-page'

// The client-side page of Clerk's Supabase guide: the browser talks to Supabase with the user's Clerk token.
export default function HomePage() {
  return <ClientTasksPage />
}
