// Clerk's webhooks (users, organizations, memberships) into the Supabase mirror tables: a
// resource route (a loader and an action, no component). Clerk calls it, not a browser, so it is
// on the public list (outside the signed-in layout in routes.ts): the Svix signature is the check.
import { verifyWebhook } from '@clerk/react-router/webhooks'
import { handleClerkWebhook, webhookMethodNotAllowed, webhooksOff } from '@repo/clerk-sync'
import { webhookEnv } from '../lib/env.server'
import type { Route } from './+types/api.webhooks.clerk'

// React Router sends GET and HEAD to the loader and every other method to the action, where Next
// sends a route only the methods it exports. Clerk sends only POST: the rest are answered 405
// with Allow: POST and never reach the handler.
export function loader(): Response {
  return webhookMethodNotAllowed()
}

export async function action({ request }: Route.ActionArgs): Promise<Response> {
  if (request.method !== 'POST') return webhookMethodNotAllowed()
  if (!webhookEnv) return webhooksOff()
  const { signingSecret, ...env } = webhookEnv
  return handleClerkWebhook(request, (signed) => verifyWebhook(signed, { signingSecret }), env)
}
