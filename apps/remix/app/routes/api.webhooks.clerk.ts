// Clerk's webhooks (users, organizations, memberships) into the Supabase mirror tables: a
// resource route (an action, no component). @clerk/remix has no webhook helper, so the
// verification is @clerk/backend's. Clerk calls it, not a browser: no requireSignedIn; the Svix
// signature is the check.
import { verifyWebhook } from '@clerk/backend/webhooks'
import type { ActionFunctionArgs } from '@remix-run/node'
import { handleClerkWebhook } from '@repo/clerk-sync'
import { webhookEnv } from '../lib/env.server'

export async function action({ request }: ActionFunctionArgs): Promise<Response> {
  const { signingSecret, ...env } = webhookEnv
  return handleClerkWebhook(request, (signed) => verifyWebhook(signed, { signingSecret }), env)
}
