import type { TopLevelSpec } from "vega-lite";
import type { RunRecord } from "../results/run-record.js";
import { CONFIG, ran, SCHEMA, type ChartSpec } from "./chart-config.js";
import { outputRows } from "./format.js";

export interface RowsStep {
  readonly output: string;
  readonly node: string;
  readonly rows: number;
  /** The most rows among the upstream outputs wired into this node; absent when none was counted. */
  readonly inputRows?: number;
  readonly change: "fewer rows than its input" | "kept or added rows" | "no counted input";
}

/** Data rows per output, next to the rows the node was fed, so a step that drops rows stands out. */
export function rowsSteps(record: RunRecord): RowsStep[] {
  const counted = new Map<string, number>();
  const key = (node: string, output: string): string => JSON.stringify([node, output]);
  for (const n of ran(record)) {
    for (const o of n.outputs) {
      const rows = outputRows(o);
      if (rows !== undefined) counted.set(key(n.name, o.logicalName), rows);
    }
  }
  return ran(record).flatMap((n) => {
    const fed = record.wires.filter((w) => w.node === n.name).map((w) => counted.get(key(w.fromNode, w.fromOutput)));
    const known = fed.filter((r): r is number => r !== undefined);
    const inputRows = known.length === 0 ? undefined : Math.max(...known);
    return n.outputs.flatMap((o): RowsStep[] => {
      const rows = counted.get(key(n.name, o.logicalName));
      if (rows === undefined) return [];
      const change = inputRows === undefined ? "no counted input" : rows < inputRows ? "fewer rows than its input" : "kept or added rows";
      return [{ output: `${n.name}.${o.logicalName}`, node: n.name, rows, ...(inputRows === undefined ? {} : { inputRows }), change }];
    });
  });
}

export function rowsChart(record: RunRecord): ChartSpec {
  const steps = rowsSteps(record);
  const rows = steps.map((s) => ({ output: s.output, rows: s.rows, input_rows: s.inputRows ?? "", change: s.change }));
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    config: CONFIG,
    title: "Data rows per step (outputs with fewer rows than their input are red)",
    width: 420,
    data: { values: rows },
    mark: "bar",
    encoding: {
      // Pipeline order, not sorted by size: a drop reads as a step down from the bar above.
      y: { field: "output", type: "nominal", sort: null, title: null },
      x: { field: "rows", type: "quantitative", title: "data rows" },
      color: {
        field: "change",
        type: "nominal",
        scale: { domain: ["kept or added rows", "fewer rows than its input", "no counted input"], range: ["#2da44e", "#cf222e", "#8c959f"] },
        title: null,
      },
      tooltip: [{ field: "output" }, { field: "rows" }, { field: "input_rows" }, { field: "change" }],
    },
  };
  return { name: "rows", title: "Rows per step", spec, rows };
}
