// The only place the e2e suite reads process.env. Playwright's global setup shares the stack's
// URLs and keys with the workers through it (they are separate processes).
import type { StackInfo } from './stack.ts'

const STACK_VARIABLE = 'E2E_STACK'

export function shareStackInfo(info: StackInfo): void {
  process.env[STACK_VARIABLE] = JSON.stringify(info)
}

export function stackInfo(): StackInfo {
  const raw = process.env[STACK_VARIABLE]
  if (!raw) throw new Error(`${STACK_VARIABLE} is missing: run the suite through playwright test`)
  return JSON.parse(raw) as StackInfo
}

/** E2E_DOCS_SCREENSHOTS=1 writes the README's screenshots into docs/. */
export const writeDocsScreenshots = process.env.E2E_DOCS_SCREENSHOTS === '1'

/** Under CI a stray `test.only` fails the run instead of quietly skipping everything else. */
export const onCi = Boolean(process.env.CI)

/** How many workers run the parallel projects (E2E_WORKERS), else the measured default. */
export const workerSetting = process.env.E2E_WORKERS
