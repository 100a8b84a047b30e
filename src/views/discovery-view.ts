import type { Discovery, NodeDiscovery } from "../discovery/node-discovery.js";
import type { FactorySummary } from "../factory/testing-factory.js";
import { nodeDetail } from "./discovery-text.js";
import { badge, esc, htmlTable, viewHtml, type Cell } from "./html.js";
import type { MimeBundle } from "./mime-bundle.js";
import { textTable } from "./text-table.js";

/** The reason a node is kept or eliminated, in full: errors carry their fix, scripts their path. */
function eliminationReason(node: NodeDiscovery): string {
  if (node.status === "error") return `${node.reason}\nwhat to do: ${node.hint}`;
  if (node.status === "script") return `runs ${nodeDetail(node)}`;
  return node.reason;
}

/** One path per line, each wrapping on its own (the table's style), so a long list still fits its column. */
function errorReasonHtml(node: NodeDiscovery & { status: "error" }): string {
  const tried = node.pathsTried ?? [];
  if (tried.length === 0) return esc(node.reason);
  // The reason's first line says what was declared; its path lines are drawn here, one per line.
  const [first = node.reason] = node.reason.split("\n");
  return `${esc(first)}${tried.map((p) => `<br>&nbsp;&nbsp;<code>${esc(p)}</code>`).join("")}`;
}

function reasonCell(node: NodeDiscovery): Cell {
  if (node.status === "script") return { html: `runs <code>${esc(node.scriptPath)}</code>${node.warnings.map((w) => `<br><span class="cl-muted">note: ${esc(w)}</span>`).join("")}` };
  if (node.status === "error") return { html: `${errorReasonHtml(node)}<br><b>what to do:</b> ${esc(node.hint)}` };
  return node.reason;
}

/**
 * The phantom-elimination table: every DAG node with what discovery decided and why, so a phantom or an
 * error is never dropped silently. Rows keep DAG order.
 */
export function eliminationTableHtml(discovery: Discovery): string {
  const rows = discovery.nodes.map((n) => [n.name, n.stepType, badge(n.status), reasonCell(n)]);
  return htmlTable(["node", "step type", "status", "reason"], rows, {
    caption: "Phantom elimination",
    rowClass: (i) => `cl-row-${discovery.nodes[i]!.status}`,
    attributes: ' data-cl-table="elimination"',
  });
}

export function eliminationTableText(discovery: Discovery, width?: number): string {
  return textTable(["node", "step type", "status", "reason"], discovery.nodes.map((n) => [n.name, n.stepType, n.status, eliminationReason(n)]), width);
}

function countsLine(summary: FactorySummary): string {
  return `${summary.dagNodes} DAG nodes: ${summary.scriptNodes.length} script nodes, ${summary.phantoms.length} phantoms, ${summary.errors.length} errors, ${summary.pending.length} pending`;
}

function pendingHtml(summary: FactorySummary): string {
  if (summary.scriptNodes.length === 0) return `<p>No script node can be tested yet.</p>`;
  if (summary.pending.length === 0) return `<p>Every script node is ready for testing.</p>`;
  const items = summary.pending.flatMap((p) => p.problems.map((problem) => `<li>${esc(problem.message)}<br><span class="cl-muted">fix: ${esc(problem.fix)}</span></li>`));
  return `<h3>Pending configuration (${summary.pending.length})</h3><ul class="cl-problems">${items.join("")}</ul>`;
}

/** Discovery summary (counts, ready and pending nodes) followed by the phantom-elimination table. */
export function discoveryBundle(summary: FactorySummary, discovery: Discovery): MimeBundle {
  const counts = [
    ["DAG nodes", summary.dagNodes],
    ["script nodes", summary.scriptNodes.length],
    ["phantoms", summary.phantoms.length],
    ["errors", summary.errors.length],
    ["pending", summary.pending.length],
  ] as const;
  const countsHtml = `<div class="cl-counts" data-cl-counts>${counts.map(([label, n]) => `<span><b data-cl-count="${esc(label)}">${n}</b> ${esc(label)}</span>`).join("")}</div>`;
  const overrides = summary.interfaceOverrides.map((o) => `<li>step interface ${esc(o.stepType)} from <code>${esc(o.file)}</code> replaces ${esc(o.overrides)}</li>`).join("");
  const html = viewHtml(
    "discovery",
    [
      `<h3>Discovery</h3>`,
      `<div class="cl-muted">DAG <code>${esc(summary.dag)}</code><br>config <code>${esc(summary.config)}</code></div>`,
      countsHtml,
      eliminationTableHtml(discovery),
      pendingHtml(summary),
      overrides === "" ? "" : `<ul>${overrides}</ul>`,
    ].join(""),
  );
  const pendingText = summary.pending.flatMap((p) => p.problems.map((problem) => `  ${problem.message}\n    fix: ${problem.fix}`));
  const text = [
    `DAG: ${summary.dag}`,
    `config: ${summary.config}`,
    countsLine(summary),
    eliminationTableText(discovery),
    summary.scriptNodes.length === 0 ? "no script node can be tested yet" : summary.pending.length === 0 ? "every script node is ready for testing" : `pending (${summary.pending.length}):\n${pendingText.join("\n")}`,
  ].join("\n");
  return { "text/plain": text, "text/html": html };
}
