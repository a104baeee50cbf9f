import type { EmulatorReply, EmulatorRequest } from '../../src/http-types.ts'
import type { ClerkEmulator } from '../../src/index.ts'

/** Calls the emulator's handlers directly, keeping cookies like a browser would. */
export class FakeBrowser {
  readonly cookies: Record<string, string> = {}
  private readonly emulator: ClerkEmulator
  private readonly origin: string
  constructor(emulator: ClerkEmulator, origin = 'http://localhost:3000') {
    this.emulator = emulator
    this.origin = origin
  }

  async call(
    method: string,
    path: string,
    body: Record<string, string> = {},
    headers: Record<string, string> = {},
    // biome-ignore lint/suspicious/noExplicitAny: tests assert on reply JSON field by field
  ): Promise<EmulatorReply & { json: any }> {
    const request: EmulatorRequest = {
      method,
      url: new URL(path, this.emulator.instance.origin),
      headers: { origin: this.origin, ...headers },
      cookies: { ...this.cookies },
      body,
    }
    const reply = await this.emulator.handle(request)
    for (const cookie of reply.cookies ?? []) {
      const [pair = ''] = cookie.split(';')
      const index = pair.indexOf('=')
      this.cookies[pair.slice(0, index)] = pair.slice(index + 1)
    }
    return { ...reply, json: reply.body }
  }

  fapi(method: string, path: string, body: Record<string, string> = {}) {
    return this.call(method, `/__clerk/v1${path}`, body)
  }

  async signIn(email: string, password: string): Promise<{ sessionId: string; token: string }> {
    const signIn = await this.fapi('POST', '/client/sign_ins', {
      identifier: email,
      password,
      strategy: 'password',
    })
    const sessionId = signIn.json.response.created_session_id as string
    await this.fapi('POST', `/client/sessions/${sessionId}/touch`)
    const token = await this.fapi('POST', `/client/sessions/${sessionId}/tokens`)
    return { sessionId, token: token.json.jwt as string }
  }
}
