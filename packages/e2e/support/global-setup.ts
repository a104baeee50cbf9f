import path from 'node:path'
import type { FullConfig } from '@playwright/test'
import { startControl } from './control.ts'
import { shareStackInfo } from './env.ts'
import { startStack } from './stack.ts'

/**
 * Starts the shared stack and the control server once; workers read their URLs and keys from
 * E2E_STACK and ask the control server for each mode's apps.
 */
export default async function globalSetup(_config: FullConfig) {
  const stack = await startStack()
  const logDir = path.join(import.meta.dirname, '..', 'test-results', 'server-logs')
  const control = await startControl(stack, logDir).catch(async (error: unknown) => {
    await stack.stop()
    throw error
  })
  shareStackInfo(control.info)
  return async () => {
    try {
      await control.stop()
    } finally {
      await stack.stop()
    }
  }
}
