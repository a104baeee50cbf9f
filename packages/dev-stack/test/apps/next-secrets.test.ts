// After `next build`: no secret in .next/static, what browsers download.
import path from 'node:path'
import { localEmulatorAppEnv } from '@repo/clerk-emulator'
import { defineClientBundleSecretsSuite } from '../../src/secrets-suite.ts'
import { appDir } from '../../src/testing.ts'

defineClientBundleSecretsSuite(
  path.join(appDir('next'), '.next/static'),
  /chunks\/.*\.js$/,
  localEmulatorAppEnv().next.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
)
