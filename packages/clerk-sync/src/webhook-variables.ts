// The optional pair that turns the webhook route on, named once for the env check and the route.

/** The pair, in the order messages name them. */
export const WEBHOOK_VARIABLES = ['CLERK_WEBHOOK_SIGNING_SECRET', 'SUPABASE_SECRET_KEY'] as const

/** What the webhook route answers while the pair is unset: which variables turn it on. */
export const WEBHOOKS_OFF =
  'Clerk webhooks are off: set CLERK_WEBHOOK_SIGNING_SECRET (the Clerk dashboard > Webhooks > your endpoint > Signing Secret) and SUPABASE_SECRET_KEY (the Supabase dashboard > Project Settings > API Keys > Secret keys) to sync users into Supabase.'
