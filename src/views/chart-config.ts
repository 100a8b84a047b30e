import type { TopLevelSpec } from "vega-lite";
import type { RunRecord } from "../results/run-record.js";

export const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/**
 * Node and output names are long (`TabularPreprocessing_calibration.processed_data`) and, without a canvas,
 * vega over-estimates text widths: no label limit, so names are never cut.
 */
export const CONFIG = { axis: { labelLimit: 0 }, legend: { labelLimit: 0 }, background: "white" };

/** Seconds with at most three decimals and no trailing zeros: a short run never reads `0.000000`. */
export const SECONDS_AXIS = { format: "~r", title: "seconds" } as const;

/** Status colours match the tables' badges, so a chart and a table read the same. */
export const STATUS_COLOURS = {
  domain: ["succeeded", "cached", "failed"],
  range: ["#2da44e", "#8fd19e", "#cf222e"],
};

export interface ChartSpec {
  readonly name: "timing" | "durations" | "outputs" | "rows";
  readonly title: string;
  readonly spec: TopLevelSpec;
  /** The rows the chart plots, for the text fallback and for tests. */
  readonly rows: readonly Record<string, string | number>[];
}

export type RanNode = Extract<RunRecord["nodes"][number], { status: "succeeded" | "failed" }>;

/** The nodes that ran to an end or were reused: skipped and interrupted nodes have no whole run to plot. */
export const ran = (record: RunRecord): RanNode[] => record.nodes.filter((n): n is RanNode => n.status === "succeeded" || n.status === "failed");

export function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}

