export { type ClerkWebhookEvent, displayName, type MirrorChange, mirrorChange } from './events.ts'
export {
  handleClerkWebhook,
  MAX_WEBHOOK_BODY_BYTES,
  webhookMethodNotAllowed,
  webhooksOff,
} from './handler.ts'
export {
  type ClerkSyncEnv,
  MirrorUnavailableError,
  mirrorClient,
  type SyncOutcome,
  syncClerkEvent,
} from './sync.ts'
