import type { TopLevelSpec } from "vega-lite";
import type { RunRecord } from "../results/run-record.js";
import { outputRows } from "./format.js";
import { progressStatus } from "./run-progress.js";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/**
 * Node and output names are long (`TabularPreprocessing_calibration.processed_data`) and, without a canvas,
 * vega over-estimates text widths: no label limit, so names are never cut.
 */
const CONFIG = { axis: { labelLimit: 0 }, legend: { labelLimit: 0 } };

/** Status colours match the tables' badges, so a chart and a table read the same. */
const STATUS_COLOURS = {
  domain: ["succeeded", "cached", "failed"],
  range: ["#2da44e", "#8fd19e", "#cf222e"],
};

export interface ChartSpec {
  readonly name: "timing" | "durations" | "outputs";
  readonly title: string;
  readonly spec: TopLevelSpec;
  /** The rows the chart plots, for the text fallback and for tests. */
  readonly rows: readonly Record<string, string | number>[];
}

type RanNode = Extract<RunRecord["nodes"][number], { status: "succeeded" | "failed" }>;

/** The nodes that ran to an end or were reused: skipped and interrupted nodes have no whole run to plot. */
const ran = (record: RunRecord): RanNode[] => record.nodes.filter((n): n is RanNode => n.status === "succeeded" || n.status === "failed");

function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** Start and end of each node that ran (or was reused), in seconds since the run started. */
export function timingChart(record: RunRecord): ChartSpec {
  const t0 = Date.parse(record.startedAt);
  const rows = ran(record).map((n) => ({
    node: n.name,
    status: progressStatus(n),
    start: seconds(Date.parse(n.startedAt) - t0),
    end: seconds(Date.parse(n.finishedAt) - t0),
    duration: seconds(n.durationMs),
  }));
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    config: CONFIG,
    title: "Script timing (seconds since the run started)",
    width: 480,
    data: { values: rows },
    mark: { type: "bar", cornerRadius: 2 },
    encoding: {
      y: { field: "node", type: "nominal", sort: { field: "start", op: "min", order: "ascending" }, title: null },
      x: { field: "start", type: "quantitative", title: "seconds" },
      x2: { field: "end" },
      color: { field: "status", type: "nominal", scale: STATUS_COLOURS },
      tooltip: [{ field: "node" }, { field: "status" }, { field: "start" }, { field: "end" }, { field: "duration" }],
    },
  };
  return { name: "timing", title: "Timing", spec, rows };
}

export function durationChart(record: RunRecord): ChartSpec {
  const rows = ran(record).map((n) => ({ node: n.name, status: progressStatus(n), seconds: seconds(n.durationMs) }));
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    config: CONFIG,
    title: "Duration per script (seconds)",
    width: 480,
    data: { values: rows },
    mark: "bar",
    encoding: {
      y: { field: "node", type: "nominal", sort: "-x", title: null },
      x: { field: "seconds", type: "quantitative" },
      color: { field: "status", type: "nominal", scale: STATUS_COLOURS },
      tooltip: [{ field: "node" }, { field: "seconds" }],
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
  return [timingChart(record), durationChart(record), outputChart(record)];
}
