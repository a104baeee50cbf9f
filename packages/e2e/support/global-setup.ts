import type { FullConfig } from '@playwright/test'
import { shareStackInfo } from './env.ts'
import { startStack } from './stack.ts'

/** Starts the shared stack once; workers read its URLs and keys from E2E_STACK. */
export default async function globalSetup(_config: FullConfig) {
  const { info, stop } = await startStack()
  shareStackInfo(info)
  return stop
}
