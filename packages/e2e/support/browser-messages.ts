// The one list of browser messages a scenario may produce without failing. Every other uncaught
// page error or console.error fails the scenario it happened in. Each entry names the exact
// message, the resource it must be about, and the phase of the scenario it is for (a scenario
// opens a phase with `allowDuring`, support/fixtures.ts); outside that phase it fails like any
// other. Keep the list short and specific.
export interface AllowedMessage {
  /** The exact text, as Playwright reports it (`page error: …` or `console.error: …`). */
  message: string
  /** The resource the message is about (for "Failed to load resource", the failed request). */
  url: RegExp
  reason: string
}

export const ALLOWED_BROWSER_MESSAGES = {
  'a wrong password': {
    message:
      'console.error: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
    url: /\/v1\/client\/sign_ins(\/|\?|$)/,
    reason:
      "Chromium's own log line for clerk-js's sign-in request that Clerk answers 422 form_password_incorrect: that is how Clerk's Frontend API reports a wrong password, and the scenario checks that the form shows it beside the field.",
  },
  'the data API down': {
    message:
      'console.error: Failed to load resource: the server responded with a status of 502 (Bad Gateway)',
    url: /\/rest\/v1\//,
    reason:
      "Chromium's own log line for the client page's request while the scenario has stopped PostgREST on purpose: the gateway answers 502, and the scenario checks that the page says the database API is unreachable.",
  },
} satisfies Record<string, AllowedMessage>

export type AllowedPhase = keyof typeof ALLOWED_BROWSER_MESSAGES

/** Whether a message is allowed now, given the phases the scenario has open. */
export function isAllowed(message: string, url: string, openPhases: readonly AllowedPhase[]) {
  return openPhases.some((phase) => {
    const allowed: AllowedMessage = ALLOWED_BROWSER_MESSAGES[phase]
    return allowed.message === message && allowed.url.test(url)
  })
}
