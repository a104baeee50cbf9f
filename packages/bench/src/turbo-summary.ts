// The run summary turbo writes under `.turbo/runs/<id>.json` when a run is given `--summarize`:
// what each task cost in that run, and whether it ran or was replayed from the cache.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/** The fields of turbo's summary (format version 1, turbo 2) read here. */
interface SummaryFile {
  version: string
  execution: {
    command: string
    startTime: number
    endTime: number
    attempted: number
    cached: number
    failed: number
    exitCode: number
  }
  tasks: {
    taskId: string
    cache: { status: 'HIT' | 'MISS'; timeSaved: number }
    /** Absent for a task turbo planned but never started (the run stopped at a failure). */
    execution?: { startTime: number; endTime: number; exitCode?: number }
  }[]
}

export interface TaskTime {
  task: string
  cache: 'HIT' | 'MISS'
  /** How long it took in this run: a replay from the cache is a few milliseconds. */
  thisRunMs: number
  /** How long it takes when it runs: this run's time, or, for a hit, the run that filled the cache. */
  fullRunMs: number
  exitCode: number
}

export interface TurboRunTimes {
  /** The summary read, relative to the repo root. */
  file: string
  command: string
  startedAt: string
  wallMs: number
  attempted: number
  cached: number
  failed: number
  exitCode: number
  /** The slowest tasks by fullRunMs, slowest first; tasks never started are left out. */
  slowest: TaskTime[]
}

/** The newest summary in `dir` (by the time it was written), or undefined when there is none. */
export function latestSummaryFile(dir: string): string | undefined {
  let entries: string[]
  try {
    entries = readdirSync(dir).filter((name) => name.endsWith('.json'))
  } catch {
    return undefined
  }
  const newest = entries
    .map((name) => ({
      file: path.join(dir, name),
      written: statSync(path.join(dir, name)).mtimeMs,
    }))
    .sort((a, b) => b.written - a.written)[0]
  return newest?.file
}

/** Reads a summary file; `count` caps the slowest tasks kept. */
export function readTurboSummary(file: string, root: string, count: number): TurboRunTimes {
  const summary = JSON.parse(readFileSync(file, 'utf8')) as SummaryFile
  if (summary.version !== '1' || !summary.execution || !Array.isArray(summary.tasks)) {
    throw new Error(
      `${file} is not a turbo run summary of the version this reads (1): version ${summary.version}`,
    )
  }
  const { execution } = summary
  const times = summary.tasks.flatMap((task): TaskTime[] => {
    if (!task.execution) return []
    const thisRunMs = task.execution.endTime - task.execution.startTime
    const hit = task.cache.status === 'HIT'
    return [
      {
        task: task.taskId,
        cache: hit ? 'HIT' : 'MISS',
        thisRunMs,
        fullRunMs: hit ? task.cache.timeSaved : thisRunMs,
        exitCode: task.execution.exitCode ?? 0,
      },
    ]
  })
  return {
    file: path.relative(root, file),
    command: execution.command,
    startedAt: new Date(execution.startTime).toISOString(),
    wallMs: execution.endTime - execution.startTime,
    attempted: execution.attempted,
    cached: execution.cached,
    failed: execution.failed,
    exitCode: execution.exitCode,
    slowest: times.sort((a, b) => b.fullRunMs - a.fullRunMs).slice(0, count),
  }
}
