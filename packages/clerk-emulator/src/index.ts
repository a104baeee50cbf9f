export {
  type AppEnv,
  appEnv,
  localEmulatorAppEnv,
  localEmulatorSettings,
  toDotenv,
} from './app-env.ts'
export {
  type ClerkEmulator,
  createEmulator,
  DEFAULT_FRONTEND_HOST,
  DEFAULT_VERIFICATION_CODE,
  type EmulatorOptions,
  type RequestLogEntry,
} from './emulator.ts'
export { WEBHOOK_PATH } from './env.ts'
export { cookieSuffixFor, type Instance, publishableKeyFor } from './instance.ts'
export {
  generateSigningKeyPem,
  loadOrCreateSigningKey,
  type SigningKey,
  signingKeyFromPem,
} from './keys.ts'
export { type RunningEmulatorServer, startEmulatorServer } from './server.ts'
export { newWebhookSecret, signWebhook, webhookHeaders } from './webhook-signature.ts'
export {
  createWebhookDispatcher,
  type WebhookDispatcher,
  type WebhookEndpoint,
  type WebhookMessage,
} from './webhooks.ts'
