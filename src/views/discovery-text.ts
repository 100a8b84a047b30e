import { relative } from "node:path";
import type { Discovery, NodeDiscovery } from "../discovery/node-discovery.js";
import type { FactorySummary } from "../factory/testing-factory.js";
import { textTable } from "./text-table.js";

/** The reason, script path or paths tried: the one thing a user needs to read about a node. */
export function nodeDetail(node: NodeDiscovery): string {
  const config = node.configKey !== undefined && node.configKey !== node.name ? `config ${node.configKey} (${node.configMatch} match). ` : "";
  if (node.status === "script") return `${config}${relative(process.cwd(), node.scriptPath) || node.scriptPath}`;
  return `${config}${node.reason}`;
}

/** The table keeps one short cell per node; paths tried and fixes follow it in full, where nothing is cut. */
export function discoveryText(discovery: Discovery, width?: number): string {
  const rows = discovery.nodes.map((n) => [n.name, n.status, n.stepType, nodeDetail(n).split("\n")[0]!]);
  const s = discovery.summary;
  const details = discovery.nodes.flatMap((n) => {
    if (n.status === "error") return [`${n.name}: ${n.reason}\n  what to do: ${n.hint}`];
    if (n.status === "script" && n.warnings.length > 0) return [`${n.name}:\n${n.warnings.map((w) => `  note: ${w}`).join("\n")}`];
    return [];
  });
  const unverified = s.unverified > 0 ? `, ${s.unverified} unverified` : "";
  const line = `${s.dagNodes} DAG nodes: ${s.scriptNodes} script, ${s.phantoms} phantom, ${s.errors} error${unverified}`;
  return [textTable(["node", "status", "step type", "script / reason"], rows, width), line, ...details].join("\n");
}

export function summaryText(summary: FactorySummary): string {
  const lines = [
    `DAG: ${summary.dag}`,
    `config: ${summary.config}`,
    `${summary.dagNodes} DAG nodes, ${summary.scriptNodes.length} script nodes, ${summary.phantoms.length} phantoms, ${summary.errors.length} errors`,
    `ready for testing (${summary.readyForTesting.length}): ${summary.readyForTesting.join(", ") || "-"}`,
    `pending (${summary.pending.length}): ${summary.pending.map((p) => p.node).join(", ") || "-"}`,
  ];
  for (const p of summary.pending) for (const problem of p.problems) lines.push(`  ${problem.message}\n    fix: ${problem.fix}`);
  for (const o of summary.interfaceOverrides) lines.push(`interface override: ${o.stepType} from ${o.file} (replaces ${o.overrides})`);
  return lines.join("\n");
}
