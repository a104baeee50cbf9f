// The README's charts: Vega-Lite specs rendered to SVG by Vega's headless view, from the
// numbers in latest.json. No canvas is needed for SVG; Vega estimates text widths.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import type { BenchResults } from './results.ts'

const FONT = 'Helvetica, Arial, sans-serif'
const config = {
  font: FONT,
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' as const },
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile({ config, ...spec } as TopLevelSpec).spec), {
    renderer: 'none',
  })
  const svg = await view.toSVG()
  view.finalize()
  return `${svg}\n`
}

/** Policy forms, p50 on a log scale, with and without the index each wants. */
export function policiesChart(results: BenchResults): TopLevelSpec | undefined {
  const policies = results.policies?.result
  if (!policies) return undefined
  const values = policies.cases.flatMap((entry) => [
    { policy: entry.name, index: 'with its index', p50: entry.indexed.p50 },
    { policy: entry.name, index: 'without an index', p50: entry.unindexed.p50 },
  ])
  return {
    title: `RLS policy forms: own-rows select p50, ${policies.sizes.rows.toLocaleString('en')} rows (log scale)`,
    data: { values },
    width: 420,
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'policy', type: 'nominal', sort: null, title: null },
      yOffset: { field: 'index', type: 'nominal' },
      // Bars on a log scale need a start above zero: a tenth of a millisecond.
      x: {
        field: 'p50',
        type: 'quantitative',
        stack: null,
        scale: { type: 'log', domainMin: 0.1 },
        title: 'p50 (ms)',
      },
      color: { field: 'index', type: 'nominal', title: null, legend: { orient: 'bottom' } },
    },
  }
}

/** Each framework's /ssr p50 as a multiple of the bare data API request, per concurrency. */
export function frameworksChart(results: BenchResults): TopLevelSpec | undefined {
  const ssr = results.ssr?.result
  if (!ssr) return undefined
  const values = Object.entries(ssr.apps).flatMap(([app, runs]) =>
    runs.map((run) => ({
      app,
      concurrency: `concurrency ${run.connections}`,
      ratio: run.p50Ratio,
      p50: run.p50Ms,
    })),
  )
  return {
    title: '/ssr p50 ÷ the bare data API request it makes (goal: at most 2)',
    data: { values },
    width: 420,
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: {
            field: 'concurrency',
            type: 'nominal',
            sort: null,
            title: null,
            axis: { labelAngle: 0 },
          },
          xOffset: { field: 'app', type: 'nominal' },
          y: { field: 'ratio', type: 'quantitative', title: 'p50 ÷ bare request' },
          color: { field: 'app', type: 'nominal', title: null, legend: { orient: 'bottom' } },
        },
      },
      {
        data: { values: [{ goal: 2 }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#444' },
        encoding: { y: { field: 'goal', type: 'quantitative' } },
      },
    ],
  }
}

/** Each framework's client page: navigation to the first task, every run and the median. */
export function clientChart(results: BenchResults): TopLevelSpec | undefined {
  const client = results.client?.result
  if (!client) return undefined
  const runs = Object.entries(client.apps).flatMap(([app, entry]) =>
    entry.timeToFirstTaskMs.map((ms) => ({ app, ms })),
  )
  const medians = Object.entries(client.apps).map(([app, entry]) => ({ app, ms: entry.medianMs }))
  return {
    title: `Client page: navigation to the first task, Chromium (median of ${client.sizes.runs})`,
    width: 420,
    height: { step: 36 },
    layer: [
      {
        data: { values: medians },
        mark: { type: 'bar', opacity: 0.6 },
        encoding: {
          y: { field: 'app', type: 'nominal', title: null },
          x: { field: 'ms', type: 'quantitative', title: 'ms from navigation start' },
          color: { field: 'app', type: 'nominal', legend: null },
        },
      },
      {
        data: { values: runs },
        mark: { type: 'tick', color: '#222' },
        encoding: {
          y: { field: 'app', type: 'nominal' },
          x: { field: 'ms', type: 'quantitative' },
        },
      },
    ],
  }
}

/** Writes every chart the results can draw; returns the files written. */
export async function writeCharts(results: BenchResults, dir: string): Promise<string[]> {
  const charts = {
    'policy-forms.svg': policiesChart(results),
    'framework-overhead.svg': frameworksChart(results),
    'client-time-to-data.svg': clientChart(results),
  }
  const written: string[] = []
  for (const [name, spec] of Object.entries(charts)) {
    if (!spec) continue
    const file = path.join(dir, name)
    await writeFile(file, await renderSvg(spec))
    written.push(file)
  }
  return written
}
