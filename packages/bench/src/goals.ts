// The goals the README reports against, each with its gap: measured ÷ allowed, so 1.0 or
// less is met and 1.3 means 30 % over. A miss is reported like a hit, never hidden.
import type { BenchResults } from './results.ts'

export interface GoalCheck {
  goal: string
  /** What was measured, in words and units. */
  measured: string
  /** measured ÷ allowed: at most 1 meets the goal. */
  gap: number
  met: boolean
}

const check = (goal: string, measured: string, value: number, allowed: number): GoalCheck => {
  const gap = Math.round((value / allowed) * 100) / 100
  return { goal, measured, gap, met: value <= allowed }
}

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`

export function checkGoals(results: BenchResults): GoalCheck[] {
  const checks: GoalCheck[] = []
  const policies = results.policies?.result
  if (policies) {
    const guide = policies.cases.find((entry) => entry.id === 'guide')
    for (const entry of policies.cases.filter((candidate) => candidate.shipped)) {
      checks.push(
        check(
          `RLS own-rows select p50 ≤ 1 ms on ${policies.sizes.rows.toLocaleString('en')} rows: ${entry.label}`,
          ms(entry.indexed.p50),
          entry.indexed.p50,
          1,
        ),
      )
      if (guide) {
        for (const indexed of [true, false]) {
          const mine = indexed ? entry.indexed.p50 : entry.unindexed.p50
          const theirs = indexed ? guide.indexed.p50 : guide.unindexed.p50
          checks.push(
            check(
              `not slower than the guide's form ${indexed ? 'with' : 'without'} the index: ${entry.label}`,
              `${ms(mine)} vs ${ms(theirs)}`,
              mine,
              theirs,
            ),
          )
        }
      }
    }
  }
  const dataApi = results['data-api']?.result
  if (dataApi) {
    checks.push(
      check(
        'data API, user token ÷ service key p50 ≤ 1.1',
        `${ms(dataApi.userToken.p50)} ÷ ${ms(dataApi.serviceKey.p50)} = ${dataApi.p50Ratio.toFixed(2)}`,
        dataApi.p50Ratio,
        1.1,
      ),
    )
  }
  const ssr = results.ssr?.result
  if (ssr) {
    for (const [app, runs] of Object.entries(ssr.apps)) {
      for (const [position, run] of runs.entries()) {
        const bare = ssr.baseline[position]
        checks.push(
          check(
            `${app} /ssr p50 ≤ 2× the bare data API request, concurrency ${run.connections}`,
            `${run.p50Ms} ms vs ${bare?.p50Ms} ms = ${run.p50Ratio}×`,
            run.p50Ratio,
            2,
          ),
        )
      }
      const clerkRequests = runs.reduce((sum, run) => sum + run.clerkRequests, 0)
      const renders = runs.reduce((sum, run) => sum + run.requests, 0)
      checks.push({
        goal: `${app} /ssr sends 0 requests to Clerk per render`,
        measured: `${clerkRequests} in ${renders.toLocaleString('en')} renders`,
        gap: clerkRequests / renders,
        met: clerkRequests === 0,
      })
    }
  }
  const stack = results.stack?.result
  if (stack) {
    checks.push(
      check(
        'local stack cold start ≤ 1.0 s',
        `${(stack.coldMedianMs / 1000).toFixed(2)} s (median of ${stack.runs})`,
        stack.coldMedianMs,
        1000,
      ),
    )
  }
  return checks
}
