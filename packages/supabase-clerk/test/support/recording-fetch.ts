/** A fetch that answers like PostgREST with an empty list and records what it was sent. */
export function recordingFetch() {
  const requests: {
    url: string
    method: string
    authorization: string | null
    apikey: string | null
  }[] = []
  const fetchStub: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers)
    requests.push({
      url: String(input),
      method: init?.method ?? 'GET',
      authorization: headers.get('authorization'),
      apikey: headers.get('apikey'),
    })
    return new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } })
  }
  return { fetch: fetchStub, requests }
}

export const ENV = { supabaseUrl: 'http://127.0.0.1:54321', supabaseKey: 'sb_publishable_test' }
