// The data API request a page makes for the signed-in user's tasks, exactly as the apps build
// it: the kit's client factory and @repo/tasks' query, with the fetch recorded instead of sent
// on. Load tools then replay it, as the baseline the framework pages are compared against.
import { createClerkSupabaseClient } from '@repo/supabase-clerk'
import { listTasks } from '@repo/tasks'

export interface RecordedRequest {
  url: string
  headers: Record<string, string>
}

export async function capturePageRequest(options: {
  supabaseUrl: string
  supabaseKey: string
  token: string
}): Promise<RecordedRequest> {
  let recorded: RecordedRequest | undefined
  const client = createClerkSupabaseClient({
    supabaseUrl: options.supabaseUrl,
    supabaseKey: options.supabaseKey,
    getToken: async () => options.token,
    fetch: async (input, init) => {
      const request = new Request(input, init)
      const headers: Record<string, string> = {}
      request.headers.forEach((value, name) => {
        headers[name] = value
      })
      recorded = { url: request.url, headers }
      return await fetch(request)
    },
  })
  const result = await listTasks(client)
  if (!result.ok) throw new Error(`the tasks request failed: ${result.error.message}`)
  if (!recorded) throw new Error('the tasks query sent no request')
  return recorded
}
