// After `next build`: no secret in .next/static, what browsers download.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { localEmulatorAppEnv } from '@repo/clerk-emulator'
import { defineClientBundleSecretsSuite } from '@repo/dev-stack/secrets-suite'

defineClientBundleSecretsSuite(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.next/static'),
  /chunks\/.*\.js$/,
  localEmulatorAppEnv().next.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
)
