// Clerk signs webhooks the Svix (Standard Webhooks) way: HMAC-SHA256 over
// "<svix-id>.<svix-timestamp>.<body>" with the endpoint's `whsec_` secret (base64 after the
// prefix), sent as `svix-signature: v1,<base64>`. The SDKs' verifyWebhook checks exactly this.
import crypto from 'node:crypto'

/** A new endpoint signing secret, as the Clerk dashboard shows one. */
export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString('base64')}`
}

export function signWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const signature = crypto
    .createHmac('sha256', key)
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest('base64')
  return `v1,${signature}`
}

/** The three headers a delivery carries, signed now (or at `at`, in ms). */
export function webhookHeaders(
  secret: string,
  id: string,
  body: string,
  at = Date.now(),
): Record<'svix-id' | 'svix-timestamp' | 'svix-signature', string> {
  const timestamp = Math.floor(at / 1000)
  return {
    'svix-id': id,
    'svix-timestamp': String(timestamp),
    'svix-signature': signWebhook(secret, id, timestamp, body),
  }
}
