import * as msg from "../messages.js";
import type { NodeRecord, RunRecord } from "../results/run-record.js";
import { dagSvg, type DagNode, type DagNodeState } from "../views/dag-svg.js";
import { formatDuration } from "../views/format.js";
import { badge, esc, htmlTable, shortPath, type Cell } from "../views/html.js";
import { progressStatus } from "../views/run-progress.js";
import type { Change, NodeComparison } from "./compare-runs.js";
import { nodeAnchor } from "./node-section.js";

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly html: string;
}

export function headerHtml(record: RunRecord): string {
  const c = record.counts;
  const counts: [string, number][] = [
    ["succeeded", c.succeeded],
    ["cached", c.cached],
    ["failed", c.failed],
    ["skipped", c.skipped],
    ["interrupted", c.interrupted ?? 0],
    ["phantoms", record.phantoms.length],
  ];
  const entries = [...new Set(record.nodes.flatMap((n) => (n.entry === undefined ? [] : [n.entry])))];
  const facts: [string, Cell][] = [
    ["DAG", shortPath(record.dag, 100)],
    ["config", shortPath(record.config, 100)],
    ["run", `${record.runId} (${record.startedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC")})`],
    ["duration", formatDuration(record.durationMs)],
    ["interpreter", record.python],
    ["entry mode", entries.length === 0 ? "-" : entries.join(", ")],
    ["parallel jobs", String(record.jobs)],
    ["workspace", shortPath(record.workspace, 100)],
  ];
  return [
    "<header>",
    `<h1>${esc(msg.reportTitle(record.dag))} ${badge(record.status).html}</h1>`,
    ...(record.description === undefined ? [] : [`<p>${esc(record.description)}</p>`]),
    `<div class="cl-counts" data-cl-counts>`,
    ...counts.map(([label, n]) => `<span><b data-cl-count="${label}">${n}</b> ${label}</span>`),
    "</div>",
    `<dl class="cl-facts">`,
    ...facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${typeof v === "string" ? esc(v) : v.html}</dd>`),
    "</dl>",
    "</header>",
  ].join("\n");
}

function stateOf(node: NodeRecord): DagNodeState {
  const s = progressStatus(node);
  return s === "pending" || s === "running" ? "not-run" : s;
}

/** The DAG picture: every DAG node once, script nodes by their outcome, phantoms and errors from discovery. */
export function dagSection(record: RunRecord, edges: readonly (readonly [string, string])[]): Section {
  const byName = new Map(record.nodes.map((n) => [n.name, n]));
  const names = record.discovery?.map((d) => d.name) ?? [...record.nodes.map((n) => n.name), ...record.phantoms.map((p) => p.node)];
  const nodes = names.map((name): DagNode => {
    const ran = byName.get(name);
    if (ran !== undefined) {
      const detail = ran.status === "skipped" ? `skipped` : `${progressStatus(ran)} · ${formatDuration(ran.cache === "hit" && ran.reused !== undefined ? ran.reused.durationMs : ran.durationMs)}`;
      return { name, state: stateOf(ran), detail, title: `${name}: ${ran.status === "failed" ? ran.error.message : ran.cacheReason}`, href: `#${nodeAnchor(record, name)}` };
    }
    const found = record.discovery?.find((d) => d.name === name);
    const phantom = record.phantoms.find((p) => p.node === name);
    if (found?.status === "error") return { name, state: "error", detail: "error", title: `${name}: ${found.reason ?? ""}` };
    if (phantom !== undefined || found?.status === "phantom") return { name, state: "phantom", detail: "phantom", title: `${name}: ${phantom?.reason ?? found?.reason ?? ""}`, href: "#phantoms" };
    return { name, state: "not-run", detail: "not in this run", title: msg.reportNotSelected(name) };
  });
  const legend = `<p class="cl-muted">${esc(msg.reportDagLegend())}</p>`;
  return { id: "dag", title: msg.reportDagHeading(), html: `<figure data-cl-figure="dag">\n${dagSvg(nodes, edges)}\n</figure>\n${legend}` };
}

export function phantomsSection(record: RunRecord): Section {
  const others = (record.discovery ?? []).filter((d) => d.status === "error");
  const rows: Cell[][] = [
    ...record.phantoms.map((p): Cell[] => [p.node, badge("phantom"), p.reason]),
    ...others.map((d): Cell[] => [d.name, badge("error"), d.reason ?? ""]),
  ];
  const html = rows.length === 0 ? `<p>${esc(msg.reportNoPhantoms())}</p>` : htmlTable(["node", "status", "reason"], rows, { attributes: ' data-cl-table="phantoms"' });
  return { id: "phantoms", title: msg.reportPhantomsHeading(), html };
}

export function chartsSection(figures: readonly { name: string; title: string; svg: string }[], dropNote: string): Section {
  const html = figures.map((f) => `<figure data-cl-chart="${esc(f.name)}">\n<figcaption>${esc(f.title)}</figcaption>\n${f.svg}\n</figure>`);
  return { id: "charts", title: msg.reportChartsHeading(), html: [...html, dropNote].filter((p) => p !== "").join("\n") };
}

function changeText(change: Change): string {
  switch (change.kind) {
    case "added":
      return msg.reportChangeAdded();
    case "fingerprint":
      return msg.reportChangeFingerprint();
    case "upstream":
      return msg.reportChangeUpstream(change.node);
    case "script":
    case "status":
      return msg.reportChangeValue(change.kind, undefined, change.before, change.after);
    default:
      return msg.reportChangeValue(change.kind, change.name, change.before, change.after);
  }
}

/** What changed since the earlier run, node by node, and what this run did about it. */
export function changesSection(record: RunRecord, earlier: RunRecord | undefined, comparisons: readonly NodeComparison[], explicit: boolean): Section {
  const title = msg.reportChangesHeading();
  if (earlier === undefined) return { id: "changes", title, html: `<p>${esc(msg.reportNoEarlierRun())}</p>` };
  const intro = `<p>${esc(msg.reportComparedWith(earlier.runId, explicit))}</p>`;
  if (comparisons.length === 0) return { id: "changes", title, html: `${intro}\n<p>${esc(msg.reportNothingChanged())}</p>` };
  const rows = comparisons.map((c): Cell[] => [
    { html: `<a href="#${esc(nodeAnchor(record, c.node))}">${esc(c.node)}</a>` },
    { html: c.changes.length === 0 ? `<span class="cl-muted">${esc(msg.reportNoValueChanged())}</span>` : c.changes.map((ch) => esc(changeText(ch))).join("<br>") },
    badge(c.outcome),
  ]);
  return { id: "changes", title, html: `${intro}\n${htmlTable(["node", "what changed", "this run"], rows, { attributes: ' data-cl-table="changes"' })}` };
}
