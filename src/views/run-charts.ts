import type { TopLevelSpec } from "vega-lite";
import { CONFIG, ran, SCHEMA, SECONDS_AXIS, seconds, STATUS_COLOURS, type ChartSpec, type RanNode } from "./chart-config.js";
import type { RunRecord } from "../results/run-record.js";
import { outputRows } from "./format.js";
import { progressStatus } from "./run-progress.js";
import { rowsChart } from "./rows-chart.js";

/**
 * What a node's result cost: its own run, or for a reused result the run that produced it. A fully
 * cached run would otherwise plot nothing but zeros.
 */
export function effectiveDuration(n: RanNode): { ms: number; reusedFrom: string } {
  if (n.cache === "hit" && n.reused !== undefined) return { ms: n.reused.durationMs, reusedFrom: n.reused.runId };
  return { ms: n.durationMs, reusedFrom: "" };
}

/**
 * Start and end of each node that ran, in seconds since the run started. A reused node is drawn from the
 * moment this run looked it up, as long as its original run took, and marked `cached`.
 */
export function timingChart(record: RunRecord): ChartSpec {
  const t0 = Date.parse(record.startedAt);
  const rows = ran(record).map((n) => {
    const start = seconds(Date.parse(n.startedAt) - t0);
    const { ms, reusedFrom } = effectiveDuration(n);
    const end = reusedFrom === "" ? seconds(Date.parse(n.finishedAt) - t0) : seconds(Date.parse(n.startedAt) - t0 + ms);
    return { node: n.name, status: progressStatus(n), start, end, duration: seconds(ms), reused_from: reusedFrom };
  });
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    config: CONFIG,
    title: "Script timing (seconds since the run started)",
    width: 480,
    data: { values: rows },
    mark: { type: "bar", cornerRadius: 2 },
    encoding: {
      y: { field: "node", type: "nominal", sort: { field: "start", op: "min", order: "ascending" }, title: null },
      x: { field: "start", type: "quantitative", axis: SECONDS_AXIS },
      x2: { field: "end" },
      color: { field: "status", type: "nominal", scale: STATUS_COLOURS },
      tooltip: [{ field: "node" }, { field: "status" }, { field: "start" }, { field: "end" }, { field: "duration" }, { field: "reused_from" }],
    },
  };
  return { name: "timing", title: "Timing", spec, rows };
}

export function durationChart(record: RunRecord): ChartSpec {
  const rows = ran(record).map((n) => {
    const { ms, reusedFrom } = effectiveDuration(n);
    return { node: n.name, status: progressStatus(n), seconds: seconds(ms), reused_from: reusedFrom };
  });
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    config: CONFIG,
    title: "Duration per script (seconds)",
    width: 480,
    data: { values: rows },
    mark: "bar",
    encoding: {
      y: { field: "node", type: "nominal", sort: "-x", title: null },
      x: { field: "seconds", type: "quantitative", axis: SECONDS_AXIS },
      color: { field: "status", type: "nominal", scale: STATUS_COLOURS },
      tooltip: [{ field: "node" }, { field: "seconds" }, { field: "reused_from" }],
    },
  };
  return { name: "durations", title: "Durations", spec, rows };
}

/** Bytes per output folder, and data rows where the runner could count them (CSV, TSV, Parquet). */
export function outputChart(record: RunRecord): ChartSpec {
  const rows = ran(record).flatMap((n) =>
    n.outputs.map((o) => {
      const counted = outputRows(o);
      return { output: `${n.name}.${o.logicalName}`, node: n.name, bytes: o.totalBytes, ...(counted === undefined ? {} : { rows: counted }) };
    }),
  );
  const bar = (field: "bytes" | "rows", title: string) => ({
    title,
    width: 300,
    mark: "bar" as const,
    transform: field === "rows" ? [{ filter: "isValid(datum.rows)" }] : [],
    encoding: {
      y: { field: "output", type: "nominal" as const, title: null },
      x: { field, type: "quantitative" as const, title: field },
      tooltip: [{ field: "output" }, { field }],
    },
  });
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    config: CONFIG,
    title: "Outputs",
    data: { values: rows },
    hconcat: [bar("bytes", "size (bytes)"), bar("rows", "data rows (CSV/TSV/Parquet)")],
  };
  return { name: "outputs", title: "Output sizes and row counts", spec, rows };
}

export function runCharts(record: RunRecord): ChartSpec[] {
  return [timingChart(record), durationChart(record), outputChart(record), rowsChart(record)];
}
export type { ChartSpec } from "./chart-config.js";
