import dagre from "@dagrejs/dagre";
import { esc } from "./html.js";

export type DagNodeState = "succeeded" | "cached" | "failed" | "skipped" | "interrupted" | "phantom" | "error" | "not-run";

export interface DagNode {
  readonly name: string;
  readonly state: DagNodeState;
  /** Second line of the box: duration, reason word, ... */
  readonly detail: string;
  /** Full text shown on hover (a phantom's reason, a failure's message). */
  readonly title: string;
  /** Where the node's section is, when the page has one. */
  readonly href?: string;
}

const FONT_PX = 12;
// Without a canvas there is no text metric: a generous average glyph width keeps names inside their box.
const CHAR_PX = 7.4;
const BOX_H = 42;

function boxWidth(node: DagNode): number {
  return Math.ceil(Math.max(node.name.length, node.detail.length) * CHAR_PX) + 24;
}

function pathOf(points: readonly { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
}

/**
 * The pipeline as an SVG picture, laid out by dagre (ranks left to right, crossings reduced). One `<g>` per
 * DAG node, with its state as a class: colours come from the page's theme variables.
 */
export function dagSvg(nodes: readonly DagNode[], edges: readonly (readonly [string, string])[]): string {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", nodesep: 18, ranksep: 48, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) graph.setNode(n.name, { width: boxWidth(n), height: BOX_H });
  const known = new Set(nodes.map((n) => n.name));
  const drawn = edges.filter(([from, to]) => known.has(from) && known.has(to));
  for (const [from, to] of drawn) graph.setEdge(from, to);
  dagre.layout(graph);
  const { width = 0, height = 0 } = graph.graph();
  const lines: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="cl-dag" data-cl-dag viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" width="${Math.ceil(width)}" height="${Math.ceil(height)}" role="img" aria-label="pipeline DAG">`,
    `<defs><marker id="cl-dag-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="cl-dag-arrow"/></marker></defs>`,
  ];
  for (const [from, to] of drawn) {
    const edge = graph.edge(from, to);
    lines.push(`<path class="cl-dag-edge" data-cl-dag-edge="${esc(from)} -> ${esc(to)}" d="${pathOf(edge.points ?? [])}" marker-end="url(#cl-dag-arrow)"/>`);
  }
  for (const n of nodes) {
    const box = graph.node(n.name);
    const x = box.x - box.width / 2;
    const y = box.y - box.height / 2;
    const open = n.href === undefined ? "" : `<a href="${esc(n.href)}">`;
    const close = n.href === undefined ? "" : "</a>";
    lines.push(
      `<g class="cl-dag-node cl-dag-${n.state}" data-cl-dag-node="${esc(n.name)}" data-cl-state="${n.state}">${open}<title>${esc(n.title)}</title>` +
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${box.width}" height="${box.height}" rx="6"/>` +
        `<text x="${box.x.toFixed(1)}" y="${(box.y - 3).toFixed(1)}" text-anchor="middle" font-size="${FONT_PX}" font-weight="600">${esc(n.name)}</text>` +
        `<text x="${box.x.toFixed(1)}" y="${(box.y + 13).toFixed(1)}" text-anchor="middle" font-size="${FONT_PX - 1}" class="cl-dag-detail">${esc(n.detail)}</text>${close}</g>`,
    );
  }
  lines.push("</svg>");
  return lines.join("\n");
}

/** Colours of the picture, from the theme variables of the page or view it sits in. */
export const DAG_STYLE = [
  ".cl-dag{max-width:100%;height:auto;font-family:system-ui,-apple-system,\"Segoe UI\",sans-serif}",
  ".cl-dag text{fill:var(--cl-fg)}",
  ".cl-dag .cl-dag-edge{fill:none;stroke:var(--cl-muted);stroke-width:1.4}",
  ".cl-dag .cl-dag-arrow{fill:var(--cl-muted)}",
  ".cl-dag .cl-dag-node rect{stroke-width:1.5;fill:var(--cl-grey-bg);stroke:var(--cl-border)}",
  ".cl-dag .cl-dag-succeeded rect,.cl-dag .cl-dag-cached rect{fill:var(--cl-ok-bg);stroke:var(--cl-ok-fg)}",
  ".cl-dag .cl-dag-cached rect{stroke-dasharray:5 3}",
  ".cl-dag .cl-dag-failed rect,.cl-dag .cl-dag-error rect{fill:var(--cl-bad-bg);stroke:var(--cl-bad-fg)}",
  ".cl-dag .cl-dag-interrupted rect{fill:var(--cl-warn-bg);stroke:var(--cl-warn-fg)}",
  ".cl-dag .cl-dag-skipped rect{fill:var(--cl-grey-bg);stroke:var(--cl-bad-fg);stroke-dasharray:2 3}",
  ".cl-dag .cl-dag-phantom rect{fill:var(--cl-bg);stroke:var(--cl-muted);stroke-dasharray:4 3}",
  ".cl-dag .cl-dag-phantom text,.cl-dag .cl-dag-detail{fill:var(--cl-muted)}",
].join("\n");
