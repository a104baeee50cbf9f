// The one list of browser messages a scenario may produce without failing. Every other uncaught
// page error or console.error fails the scenario it happened in. Each entry names the exact
// message and why it is harmless; keep the list short and specific.
export interface AllowedMessage {
  /** The exact text, as Playwright reports it (`page error: …` or `console.error: …`). */
  message: string
  /** Only in scenarios whose title contains this. */
  scenario: string
  reason: string
}

export const ALLOWED_BROWSER_MESSAGES: AllowedMessage[] = [
  {
    message:
      'console.error: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
    scenario: 'a wrong password',
    reason:
      "Chromium's own log line for clerk-js's sign-in request that Clerk answers 422 form_password_incorrect: that is how Clerk's Frontend API reports a wrong password, and the scenario checks that the form shows it beside the field.",
  },
  {
    message:
      'console.error: Failed to load resource: the server responded with a status of 502 (Bad Gateway)',
    scenario: 'the data API down',
    reason:
      "Chromium's own log line for the client page's request while the scenario has stopped PostgREST on purpose: the gateway answers 502, and the scenario checks that the page says the database API is unreachable.",
  },
]

export function isAllowed(message: string, scenarioTitle: string): boolean {
  return ALLOWED_BROWSER_MESSAGES.some(
    (allowed) => allowed.message === message && scenarioTitle.includes(allowed.scenario),
  )
}
