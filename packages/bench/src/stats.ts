// Summaries of repeated timings. These 2-core machines are noisy, so the bench reports medians
// and percentiles of many samples, and ratios between cases measured in the same run.

/**
 * The nearest-rank percentile (0-100) of the samples: a value that was actually measured. The
 * median of an even count is the lower of the middle two.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  if (samples.some((sample) => !Number.isFinite(sample))) {
    throw new Error(`a sample is not a number: ${samples.join(', ')}`)
  }
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN
}

export const median = (samples: readonly number[]): number => percentile(samples, 50)

export interface Spread {
  p50: number
  p95: number
  samples: number
}

export const spread = (samples: readonly number[]): Spread => ({
  p50: percentile(samples, 50),
  p95: percentile(samples, 95),
  samples: samples.length,
})

/** `value / base`, rounded for reading; NaN when either side is missing. */
export const ratio = (value: number, base: number): number =>
  base > 0 && Number.isFinite(value) ? Math.round((value / base) * 100) / 100 : Number.NaN
