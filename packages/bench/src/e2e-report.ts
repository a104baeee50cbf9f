// The e2e suite's time per Playwright project, from the report Playwright's standard JSON reporter
// writes (packages/e2e/test-results/report.json). Projects that depend on others run after them,
// so the suite's wall time is roughly the sum of its projects' walls, and the slowest project is
// where a regression shows first.
import { readFileSync } from 'node:fs'
import path from 'node:path'

/** The parts of Playwright's JSONReport (@playwright/test/reporter) read here. */
interface JsonReport {
  stats: { startTime: string; duration: number; unexpected: number; flaky: number }
  suites: JsonSuite[]
}
interface JsonSuite {
  specs: { tests: { projectName: string; results: { startTime: string; duration: number }[] }[] }[]
  suites?: JsonSuite[]
}

export interface ProjectTime {
  project: string
  tests: number
  /** Every attempt's duration added up, retries included: the work the project's workers did. */
  sumMs: number
  /** From the project's first attempt starting to its last one ending. */
  wallMs: number
}

export interface E2eTimes {
  /** The report read, relative to the repo root. */
  file: string
  startedAt: string
  wallMs: number
  unexpected: number
  flaky: number
  /** In the order each project started. */
  projects: ProjectTime[]
}

function* tests(
  suites: readonly JsonSuite[],
): Generator<JsonSuite['specs'][number]['tests'][number]> {
  for (const suite of suites) {
    for (const spec of suite.specs) yield* spec.tests
    yield* tests(suite.suites ?? [])
  }
}

export function readE2eReport(file: string, root: string): E2eTimes {
  const report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport
  if (!report.stats || !Array.isArray(report.suites)) {
    throw new Error(`${file} is not a Playwright JSON report (no stats or suites)`)
  }
  const byProject = new Map<string, { tests: number; sumMs: number; start: number; end: number }>()
  for (const test of tests(report.suites)) {
    const project = byProject.get(test.projectName) ?? {
      tests: 0,
      sumMs: 0,
      start: Number.POSITIVE_INFINITY,
      end: Number.NEGATIVE_INFINITY,
    }
    project.tests += 1
    for (const result of test.results) {
      const start = Date.parse(result.startTime)
      project.sumMs += result.duration
      project.start = Math.min(project.start, start)
      project.end = Math.max(project.end, start + result.duration)
    }
    byProject.set(test.projectName, project)
  }
  return {
    file: path.relative(root, file),
    startedAt: report.stats.startTime,
    wallMs: report.stats.duration,
    unexpected: report.stats.unexpected,
    flaky: report.stats.flaky,
    projects: [...byProject.entries()]
      .sort(([, a], [, b]) => a.start - b.start)
      .map(([project, time]) => ({
        project,
        tests: time.tests,
        sumMs: time.sumMs,
        // A project whose tests were all skipped has no attempt, so no wall.
        wallMs: time.end >= time.start ? time.end - time.start : 0,
      })),
  }
}
