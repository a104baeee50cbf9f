// After `remix vite:build`: no secret in build/client, what browsers download.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineClientBundleSecretsSuite } from '@repo/dev-stack/secrets-suite'

defineClientBundleSecretsSuite(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../build/client'),
  /assets\/ssr-.*\.js$/,
)
