// What the Clerk emulator delivered where: scenarios wait for the delivery itself (an event), not
// for a clock, and then check what the app's webhook route did with it.
import { expect } from '@playwright/test'
import type { StackInfo } from './stack.ts'

interface Delivery {
  endpoint: string
  type: string
  body: string
  state: 'pending' | 'delivered' | 'failed'
  attempts: { status: number | null }[]
}

/**
 * Waits until the emulator has settled (delivered, or given up on) `types.length` messages about
 * `subject` (an id or an email in the body) to `endpoint`, and returns each as
 * [type, state, last status]. The emulator retries with backoff, so a route that fails first and
 * recovers still ends "delivered"; only the scenario's own timeout bounds the wait.
 */
export async function settledDeliveries(
  stack: StackInfo,
  endpoint: string,
  subject: string,
  types: string[],
): Promise<[string, string, number | null | undefined][]> {
  for (;;) {
    const log = (await (
      await fetch(`${stack.emulatorUrl}/__emulator/webhooks`)
    ).json()) as Delivery[]
    const about = log.filter(
      (delivery) =>
        delivery.endpoint === endpoint &&
        types.includes(delivery.type) &&
        delivery.body.includes(subject),
    )
    if (about.length >= types.length && about.every((delivery) => delivery.state !== 'pending')) {
      return about.map((delivery) => [
        delivery.type,
        delivery.state,
        delivery.attempts.at(-1)?.status,
      ])
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

export const expectDelivered = (types: string[]) =>
  expect.arrayContaining(types.map((type) => [type, 'delivered', 200]))
