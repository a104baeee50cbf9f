/** A request as the emulator's handlers see it: parsed once by the HTTP server (or a test). */
export interface EmulatorRequest {
  /** The effective method: clerk-js sends PATCH/PUT/DELETE as POST with `_method`. */
  method: string
  url: URL
  /** Lower-case header names. */
  headers: Record<string, string | undefined>
  cookies: Record<string, string>
  /** Form fields (the Frontend API's encoding). */
  body: Record<string, string>
  /** A JSON body (the Backend API's encoding), when one was sent. */
  jsonBody?: unknown
}

export interface EmulatorReply {
  status: number
  /** JSON body; null sends an empty body. */
  body?: unknown
  headers?: Record<string, string>
  cookies?: string[]
  /** Serve this file instead of a JSON body. */
  file?: string
}

export const json = (status: number, body: unknown, cookies?: string[]): EmulatorReply => ({
  status,
  body,
  cookies,
})
