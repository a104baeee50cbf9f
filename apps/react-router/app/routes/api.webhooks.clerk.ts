// Clerk's webhooks (users, organizations, memberships) into the Supabase mirror tables: a
// resource route (an action, no component). Clerk calls it, not a browser, so no signedInOnly:
// the Svix signature is the check.
import { verifyWebhook } from '@clerk/react-router/webhooks'
import { handleClerkWebhook } from '@repo/clerk-sync'
import { webhookEnv } from '../lib/env.server'
import type { Route } from './+types/api.webhooks.clerk'

export async function action({ request }: Route.ActionArgs): Promise<Response> {
  const { signingSecret, ...env } = webhookEnv
  return handleClerkWebhook(request, (signed) => verifyWebhook(signed, { signingSecret }), env)
}
