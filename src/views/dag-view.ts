import type { Discovery, NodeDiscovery } from "../discovery/node-discovery.js";
import * as msg from "../messages.js";
import type { NodeRecord, RunRecord } from "../results/run-record.js";
import { dagSvg, DAG_STYLE, type DagNode } from "./dag-svg.js";
import { formatDuration } from "./format.js";
import { esc, viewHtml } from "./html.js";
import type { MimeBundle } from "./mime-bundle.js";
import { progressStatus } from "./run-progress.js";

function ranNode(node: NodeDiscovery, ran: NodeRecord): DagNode {
  const status = progressStatus(ran);
  const state = status === "pending" || status === "running" ? "not-run" : status;
  const ms = ran.cache === "hit" && ran.reused !== undefined ? ran.reused.durationMs : ran.durationMs;
  const detail = ran.status === "skipped" ? "skipped" : `${status} · ${formatDuration(ms)}`;
  return { name: node.name, state, detail, title: `${node.name}: ${ran.status === "failed" ? ran.error.message : ran.cacheReason}` };
}

function discoveredNode(node: NodeDiscovery): DagNode {
  if (node.status === "phantom") return { name: node.name, state: "phantom", detail: "phantom", title: `${node.name}: ${node.reason}` };
  if (node.status === "error") return { name: node.name, state: "error", detail: "error", title: `${node.name}: ${node.reason}` };
  if (node.status === "unverified") return { name: node.name, state: "not-run", detail: "unverified", title: `${node.name}: ${node.reason}` };
  return { name: node.name, state: "not-run", detail: "script", title: msg.dagViewScript(node.name, node.entryPoint) };
}

/**
 * The pipeline as a picture in a notebook: every DAG node once, phantoms greyed with their reason on hover,
 * script nodes coloured by their outcome in `record` when a run is given. The text part lists the same
 * facts, edge by edge, for front ends that show no HTML.
 */
export function dagBundle(discovery: Discovery, edges: readonly (readonly [string, string])[], record?: RunRecord): MimeBundle {
  const ran = new Map((record?.nodes ?? []).map((n) => [n.name, n]));
  const nodes = discovery.nodes.map((n) => {
    const result = ran.get(n.name);
    return result === undefined ? discoveredNode(n) : ranNode(n, result);
  });
  const caption = record === undefined ? msg.dagViewCaption() : msg.dagViewRunCaption(record.runId);
  const html = viewHtml(
    "dag",
    `<style>${DAG_STYLE}</style><figure data-cl-figure="dag"><figcaption>${esc(caption)}</figcaption>${dagSvg(nodes, edges)}</figure><p class="cl-muted">${esc(msg.reportDagLegend())}</p>`,
  );
  const text = [
    caption,
    ...nodes.map((n) => `  ${n.name}: ${n.detail}`),
    msg.dagViewEdges(),
    ...edges.map(([from, to]) => `  ${from} -> ${to}`),
  ].join("\n");
  return { "text/plain": text, "text/html": html };
}
