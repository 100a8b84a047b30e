import type { RunRecord } from "../results/run-record.js";
import { esc, viewHtml } from "./html.js";
import type { MimeBundle } from "./mime-bundle.js";
import { runCharts, type ChartSpec } from "./run-charts.js";
import { textTable } from "./text-table.js";
import { chartPng } from "./chart-png.js";
import { renderSvg } from "./vega-svg.js";

/**
 * A chart as a bundle: the Vega-Lite spec for front ends that draw it, its SVG in HTML for trusted ones,
 * a PNG for untrusted and static ones, and its rows as text.
 */
export async function chartBundle(chart: ChartSpec): Promise<MimeBundle> {
  const svg = await renderSvg(chart.spec);
  const keys = [...new Set(chart.rows.flatMap((r) => Object.keys(r)))];
  const text = `${chart.title}\n${chart.rows.length === 0 ? "(no data)" : textTable(keys, chart.rows.map((r) => keys.map((k) => String(r[k] ?? ""))))}`;
  const html = viewHtml(`chart-${chart.name}`, `<figure data-cl-chart="${esc(chart.name)}"><figcaption>${esc(chart.title)}</figcaption>${svg}</figure>`);
  return { "text/plain": text, "text/html": html, "application/vnd.vegalite.v5+json": chart.spec, "image/png": chartPng(svg) };
}

/** The timing Gantt, durations and output charts of one run, in that order. */
export async function runChartBundles(record: RunRecord): Promise<MimeBundle[]> {
  return Promise.all(runCharts(record).map(chartBundle));
}
