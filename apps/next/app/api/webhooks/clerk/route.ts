// Clerk's webhooks (users, organizations, memberships) into the Supabase mirror tables. Clerk
// calls it, not a browser: the proxy leaves it public, and the Svix signature is the check.
import { verifyWebhook } from '@clerk/nextjs/webhooks'
import { handleClerkWebhook, webhooksOff } from '@repo/clerk-sync'
import type { NextRequest } from 'next/server'
import { webhookEnv } from '../../../../lib/env'

export async function POST(request: NextRequest): Promise<Response> {
  const settings = webhookEnv()
  if (!settings) return webhooksOff()
  const { signingSecret, ...env } = settings
  return handleClerkWebhook(
    request,
    (signed) => verifyWebhook(signed as NextRequest, { signingSecret }),
    env,
  )
}
