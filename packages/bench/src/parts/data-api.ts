// Part 3, the data API: the request a page makes for a user's tasks, through the /rest/v1
// gateway and real PostgREST, with the user's token (RLS decides the rows) against the service
// key with the same rows asked for by filter (RLS bypassed). Their ratio is what a user's token
// costs end to end: verifying it, and the policy on every row. The requests alternate, one at a
// time, so both see the same moments of a noisy machine.
import { startLocalSupabase } from '@repo/local-supabase'
import { createTestIssuer } from '@repo/local-supabase/testing'
import pg from 'pg'
import type { Progress } from '../progress.ts'
import { percentile, ratio } from '../stats.ts'
import { capturePageRequest, type RecordedRequest } from './page-request.ts'

export interface DataApiSizes {
  /** The measured user's rows, as many as the framework pages show. */
  userRows: number
  /** Other users' rows in the table. */
  otherRows: number
  otherUsers: number
  /** Requests per side, after a warm-up. */
  requests: number
}

export const FULL_DATA_API_SIZES: DataApiSizes = {
  userRows: 100,
  otherRows: 100_000,
  otherUsers: 1_000,
  requests: 1_000,
}

interface Latency {
  p50: number
  p99: number
}

export interface DataApiResult {
  sizes: DataApiSizes
  userToken: Latency
  serviceKey: Latency
  /** User token p50 ÷ service key p50. */
  p50Ratio: number
  p99Ratio: number
}

const USER = 'user_bench'

/** Inserts the measured user's tasks and other users' (as postgres, which bypasses RLS). */
export async function seedTasks(
  dbUrl: string,
  rows: { userId: string; userRows: number; otherRows: number; otherUsers: number },
): Promise<void> {
  const db = new pg.Client({ connectionString: dbUrl })
  await db.connect()
  try {
    await db.query(
      `insert into tasks (name, user_id, organization_id)
         select 'other task ' || i, 'user_other_' || (i % $1), null
         from generate_series(1, $2) as i`,
      [Math.max(1, rows.otherUsers), rows.otherRows],
    )
    await db.query(
      `insert into tasks (name, user_id, organization_id)
         select 'bench task ' || lpad(i::text, 3, '0'), $1, null
         from generate_series(1, $2) as i`,
      [rows.userId, rows.userRows],
    )
    await db.query('analyze tasks')
  } finally {
    await db.end()
  }
}

async function timeRequest(request: RecordedRequest): Promise<{ ms: number; rows: number }> {
  const started = performance.now()
  const response = await fetch(request.url, { headers: request.headers })
  const text = await response.text()
  const ms = performance.now() - started
  if (!response.ok) throw new Error(`${request.url} answered ${response.status}: ${text}`)
  return { ms, rows: (JSON.parse(text) as unknown[]).length }
}

export async function measureDataApi(
  sizes: DataApiSizes,
  progress: Progress,
): Promise<DataApiResult> {
  const issuer = await createTestIssuer()
  const supabase = await startLocalSupabase({
    trustedJwks: { jwks: issuer.jwks },
    onLog: () => undefined,
  })
  try {
    progress(`seeding ${(sizes.userRows + sizes.otherRows).toLocaleString('en')} tasks`)
    await seedTasks(supabase.dbUrl, { userId: USER, ...sizes })
    const token = await issuer.sessionToken({ sub: USER, expiresIn: 3600 })
    const asUser = await capturePageRequest({
      supabaseUrl: supabase.url,
      supabaseKey: supabase.anonKey,
      token,
    })
    // The service key bypasses RLS, so it names the same rows by filter.
    const url = new URL(asUser.url)
    url.searchParams.set('user_id', `eq.${USER}`)
    url.searchParams.set('organization_id', 'is.null')
    const asService: RecordedRequest = {
      url: url.href,
      headers: {
        ...asUser.headers,
        apikey: supabase.serviceRoleKey,
        authorization: `Bearer ${supabase.serviceRoleKey}`,
      },
    }
    const user: number[] = []
    const service: number[] = []
    const warmUp = Math.min(50, sizes.requests)
    for (let i = 0; i < warmUp + sizes.requests; i++) {
      if (i % 200 === 0) progress(`request pair ${i + 1} of ${warmUp + sizes.requests}`)
      // Either side goes first in turn, so neither always finds the other's warm caches.
      const userFirst = i % 2 === 0
      const first = await timeRequest(userFirst ? asUser : asService)
      const second = await timeRequest(userFirst ? asService : asUser)
      const [a, b] = userFirst ? [first, second] : [second, first]
      if (a.rows !== sizes.userRows || b.rows !== sizes.userRows) {
        throw new Error(
          `expected ${sizes.userRows} rows on both sides, got ${a.rows} (user token) and ${b.rows} (service key)`,
        )
      }
      if (i < warmUp) continue
      user.push(a.ms)
      service.push(b.ms)
    }
    const latency = (samples: number[]): Latency => ({
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
    })
    const userToken = latency(user)
    const serviceKey = latency(service)
    return {
      sizes,
      userToken,
      serviceKey,
      p50Ratio: ratio(userToken.p50, serviceKey.p50),
      p99Ratio: ratio(userToken.p99, serviceKey.p99),
    }
  } finally {
    await supabase.stop()
  }
}
