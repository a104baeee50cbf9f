// Webhook deliveries as Clerk makes them through Svix: each event is one message (one svix-id),
// sent to every endpoint, signed with that endpoint's secret, and retried with backoff until the
// endpoint answers 2xx. Each endpoint's messages go one at a time, in order; a failing endpoint
// holds only its own queue. The log keeps every attempt, for tests and for `pnpm dev` users.
import crypto from 'node:crypto'
import { webhookHeaders } from './webhook-signature.ts'

export interface WebhookEndpoint {
  url: string
  /** The endpoint's `whsec_` signing secret. */
  secret: string
}

export interface DeliveryAttempt {
  at: number
  /** The endpoint's HTTP status, or null when it could not be reached. */
  status: number | null
  error?: string
}

export interface WebhookMessage {
  /** The svix-id: the same for a redelivery, so a handler can tell it has seen it. */
  id: string
  endpoint: string
  type: string
  body: string
  state: 'pending' | 'delivered' | 'failed'
  attempts: DeliveryAttempt[]
}

export interface WebhookDispatcherOptions {
  endpoints: WebhookEndpoint[]
  /** Waits between attempts, in ms; the last repeats until `maxAttempts`. */
  backoffMs?: number[]
  maxAttempts?: number
  log?: (line: string) => void
}

export interface WebhookDispatcher {
  readonly endpoints: readonly WebhookEndpoint[]
  /**
   * Replaces the endpoints. A new one first gets every event sent so far, in order, as Svix
   * replays an application's messages to an endpoint added later; a removed one's queue is dropped.
   */
  setEndpoints(endpoints: WebhookEndpoint[]): void
  /** Sends `data` as a `type` event (e.g. "user.created") to every endpoint. */
  emit(type: string, data: unknown): void
  /** Sends a message again under its own svix-id, as the Clerk dashboard's "Resend" does. */
  redeliver(messageId: string): boolean
  messages(): WebhookMessage[]
  /** Resolves when every queue is empty (delivered or given up). */
  idle(): Promise<void>
  stop(): void
}

const DEFAULT_BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000, 10_000]
const DEFAULT_MAX_ATTEMPTS = 50

export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
  const log = options.log ?? (() => undefined)
  let endpoints = [...options.endpoints]
  /** Every event sent, for endpoints added later. */
  const events: Pick<WebhookMessage, 'id' | 'type' | 'body'>[] = []
  const all: WebhookMessage[] = []
  const queues = new Map<string, WebhookMessage[]>()
  const busy = new Set<string>()
  const timers = new Set<NodeJS.Timeout>()
  let waiting: (() => void)[] = []
  let stopped = false

  const endpointOf = (url: string) => endpoints.find((endpoint) => endpoint.url === url)

  function settleIdle() {
    if (busy.size === 0 && [...queues.values()].every((queue) => queue.length === 0)) {
      for (const resolve of waiting) resolve()
      waiting = []
    }
  }

  async function attempt(message: WebhookMessage, endpoint: WebhookEndpoint) {
    const at = Date.now()
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...webhookHeaders(endpoint.secret, message.id, message.body, at),
        },
        body: message.body,
        signal: AbortSignal.timeout(15_000),
      })
      await response.arrayBuffer()
      message.attempts.push({ at, status: response.status })
      return response.ok
    } catch (error) {
      message.attempts.push({ at, status: null, error: String(error) })
      return false
    }
  }

  function pump(url: string) {
    if (stopped || busy.has(url)) return
    const queue = queues.get(url) ?? []
    const message = queue[0]
    const endpoint = endpointOf(url)
    if (!message || !endpoint) {
      settleIdle()
      return
    }
    busy.add(url)
    void attempt(message, endpoint).then((ok) => {
      busy.delete(url)
      if (ok || message.attempts.length >= maxAttempts) {
        message.state = ok ? 'delivered' : 'failed'
        if (!ok) log(`gave up on ${message.type} ${message.id} to ${url}`)
        queue.shift()
        pump(url)
        return
      }
      const wait = backoff[Math.min(message.attempts.length - 1, backoff.length - 1)] ?? 1_000
      const last = message.attempts.at(-1)
      log(
        `${message.type} ${message.id} to ${url} failed (${last?.status ?? last?.error}); retrying in ${wait} ms`,
      )
      busy.add(url)
      const timer = setTimeout(() => {
        timers.delete(timer)
        busy.delete(url)
        pump(url)
      }, wait)
      timers.add(timer)
    })
  }

  function enqueue(message: WebhookMessage) {
    all.push(message)
    if (all.length > 5_000) all.shift()
    const queue = queues.get(message.endpoint) ?? []
    queue.push(message)
    queues.set(message.endpoint, queue)
    pump(message.endpoint)
  }

  return {
    get endpoints() {
      return endpoints
    },
    setEndpoints(next) {
      const known = new Set(endpoints.map((endpoint) => endpoint.url))
      endpoints = [...next]
      for (const url of known) if (!endpointOf(url)) queues.delete(url)
      for (const endpoint of endpoints.filter(({ url }) => !known.has(url))) {
        for (const event of events) {
          enqueue({ ...event, endpoint: endpoint.url, state: 'pending', attempts: [] })
        }
      }
      settleIdle()
    },
    emit(type, data) {
      const id = `msg_${crypto.randomBytes(14).toString('hex')}`
      const body = JSON.stringify({
        object: 'event',
        type,
        data,
        timestamp: Date.now(),
        instance_id: 'ins_emulator',
      })
      events.push({ id, type, body })
      if (events.length > 5_000) events.shift()
      for (const endpoint of endpoints) {
        enqueue({ id, endpoint: endpoint.url, type, body, state: 'pending', attempts: [] })
      }
    },
    redeliver(messageId) {
      // Once per endpoint, whatever was delivered before.
      const byEndpoint = new Map<string, WebhookMessage>()
      for (const message of all) {
        if (message.id === messageId && !byEndpoint.has(message.endpoint)) {
          byEndpoint.set(message.endpoint, message)
        }
      }
      for (const message of byEndpoint.values()) {
        enqueue({ ...message, state: 'pending', attempts: [] })
      }
      return byEndpoint.size > 0
    },
    messages: () => [...all],
    idle: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve)
        settleIdle()
      }),
    stop() {
      stopped = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
    },
  }
}
