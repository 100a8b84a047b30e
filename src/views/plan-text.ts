import type { PlanNode, PlanReport } from "../schedule/plan-report.js";
import { argValueText } from "../specs/arg-text.js";
import { textTable } from "./text-table.js";

const pathLine = (p: PlanNode["inputs"][number]): string => `${p.logicalName} = ${p.path} (${p.from === null ? p.source : `${p.from.node}.${p.from.output}`})`;

/** Everything a node's run would get, one value a line with its source. */
function nodeDetail(n: PlanNode): string {
  const lines = [
    ...n.env.map((e) => `env ${e.name}=${e.value} (${e.source})`),
    ...n.args.map((a) => `arg ${a.flag} ${argValueText(a)} (${a.source})`),
    ...n.inputs.map((i) => `in  ${pathLine(i)}`),
    ...n.outputs.map((o) => `out ${pathLine(o)}`),
    ...n.wires.map((w) => `wire ${w.input} <- ${w.from.node}.${w.from.output} (${w.kind}, ${w.confidence})`),
  ];
  return lines.length === 0 ? "" : `${n.name}:\n${lines.map((l) => `  ${l}`).join("\n")}`;
}

/** The decision table, each node's values, the phantoms, and the problems that would stop a run. */
export function planText(plan: PlanReport, width?: number): string {
  const table = textTable(["node", "decision", "reason"], plan.nodes.map((n) => [n.name, n.decision, n.reason]), width);
  const count = (d: string): number => plan.nodes.filter((n) => n.decision === d).length;
  const line = `plan: ${count("run")} run, ${count("reuse")} reuse, ${count("blocked")} blocked; ${plan.phantoms.length} phantom${plan.phantoms.length === 1 ? "" : "s"}; ${plan.canRun ? "a run can start" : `a run cannot start (${plan.problems.length} problem${plan.problems.length === 1 ? "" : "s"})`}`;
  const details = plan.nodes.map(nodeDetail).filter((d) => d !== "");
  const phantoms = plan.phantoms.map((p) => `phantom ${p.node}: ${p.reason}`);
  const problems = plan.problems.map((p) => `problem: ${p.message}\n  fix: ${p.fix}`);
  return [table, line, ...details, ...phantoms, ...problems].join("\n");
}
