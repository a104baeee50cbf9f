// Clerk's webhooks (users, organizations, memberships) into the Supabase mirror tables: a
// resource route (a loader and an action, no component). @clerk/remix has no webhook helper, so
// the verification is @clerk/backend's. Clerk calls it, not a browser: it sits outside the
// `_signed-in` layout, on the public list; the Svix signature is the check.
import { verifyWebhook } from '@clerk/backend/webhooks'
import type { ActionFunctionArgs } from '@remix-run/node'
import { handleClerkWebhook, webhookMethodNotAllowed, webhooksOff } from '@repo/clerk-sync'
import { webhookEnv } from '../lib/env.server'

// Remix sends GET and HEAD to the loader and every other method to the action, where Next sends
// a route only the methods it exports. Clerk sends only POST: the rest are answered 405 with
// Allow: POST and never reach the handler.
export function loader(): Response {
  return webhookMethodNotAllowed()
}

export async function action({ request }: ActionFunctionArgs): Promise<Response> {
  if (request.method !== 'POST') return webhookMethodNotAllowed()
  if (!webhookEnv) return webhooksOff()
  const { signingSecret, ...env } = webhookEnv
  return handleClerkWebhook(request, (signed) => verifyWebhook(signed, { signingSecret }), env)
}
