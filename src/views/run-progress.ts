import type { NodeRecord } from "../results/run-record.js";
import type { RunEvent } from "../engine/run-events.js";
import { formatDuration } from "./format.js";
import { badge, esc, htmlTable, viewHtml } from "./html.js";
import type { MimeBundle } from "./mime-bundle.js";
import { textTable } from "./text-table.js";

export type ProgressStatus = "pending" | "running" | "succeeded" | "failed" | "skipped" | "cached" | "interrupted";

export interface NodeProgress {
  readonly node: string;
  readonly status: ProgressStatus;
  readonly startedAt?: string;
  readonly durationMs?: number;
  /** Last line the script printed while running, or why it ended the way it did. */
  readonly note: string;
}

export interface RunProgress {
  readonly runId: string | undefined;
  readonly jobs: number | undefined;
  readonly nodes: readonly NodeProgress[];
  readonly finished: "succeeded" | "failed" | "interrupted" | undefined;
}

export const initialProgress: RunProgress = { runId: undefined, jobs: undefined, nodes: [], finished: undefined };

/** A reused result is `succeeded` with cache `hit` in the record; progress calls it `cached` so the reuse shows. */
export function progressStatus(record: NodeRecord): ProgressStatus {
  if (record.status === "succeeded" && record.cache === "hit") return "cached";
  return record.status;
}

function finishedNote(record: NodeRecord): string {
  if (record.status === "failed") return record.error.message;
  if (record.status === "skipped") return record.cacheReason;
  if (record.status === "interrupted") return record.message;
  return record.cache === "hit" ? record.cacheReason : "";
}

/** Each node's place in a progress list, shared by the lists that only change statuses. */
const positions = new WeakMap<readonly NodeProgress[], ReadonlyMap<string, number>>();

function positionsOf(nodes: readonly NodeProgress[]): ReadonlyMap<string, number> {
  let found = positions.get(nodes);
  if (found === undefined) positions.set(nodes, (found = new Map(nodes.map((n, i) => [n.node, i]))));
  return found;
}

/**
 * Folds one runner event into the progress state; pure, so the CLI, notebook and workbook agree. A node
 * is found by its place, not by comparing every name: a run of thousands of nodes sends several events
 * per node (each line a script prints is one).
 */
export function applyRunEvent(state: RunProgress, event: RunEvent): RunProgress {
  const update = (node: string, change: (n: NodeProgress) => NodeProgress): RunProgress => {
    const at = positionsOf(state.nodes).get(node);
    const current = at === undefined ? undefined : state.nodes[at];
    if (at === undefined || current === undefined) return state;
    const changed = change(current);
    if (changed === current) return state;
    const nodes = [...state.nodes];
    nodes[at] = changed;
    positions.set(nodes, positionsOf(state.nodes));
    return { ...state, nodes };
  };
  switch (event.type) {
    case "run-started":
      return { runId: event.runId, jobs: event.jobs, nodes: event.nodes.map((node) => ({ node, status: "pending", note: "" })), finished: undefined };
    case "node-started":
      return update(event.node, (n) => ({ ...n, status: "running", startedAt: event.at, note: "" }));
    case "node-output":
      return update(event.node, (n) => (n.status === "running" && event.line.trim() !== "" ? { ...n, note: event.line } : n));
    case "node-finished":
      return update(event.node, (n) => ({
        ...n,
        status: progressStatus(event.record),
        // A skipped node never ran: it has no duration to show, not a zero one.
        ...(event.record.status === "skipped" ? {} : { durationMs: event.record.durationMs }),
        note: finishedNote(event.record),
      }));
    case "run-finished":
      return { ...state, finished: event.status };
  }
}

function headline(state: RunProgress): string {
  const done = state.nodes.filter((n) => n.status !== "pending" && n.status !== "running").length;
  const where = state.runId === undefined ? "preparing the run" : `run ${state.runId}`;
  const end = state.finished === undefined ? `${done}/${state.nodes.length} nodes done` : `${state.finished}`;
  return `${where}: ${end}`;
}

/** The live table one display shows and replaces in place as events arrive. */
export function progressBundle(state: RunProgress): MimeBundle {
  const columns = ["node", "status", "duration", "note"];
  const duration = (n: NodeProgress): string => (n.durationMs === undefined ? "" : formatDuration(n.durationMs));
  const rows = state.nodes.map((n) => [n.node, badge(n.status), duration(n), n.note]);
  const html = viewHtml("run-progress", `<h3>${esc(headline(state))}</h3>${htmlTable(columns, rows, { attributes: ' data-cl-table="progress"' })}`);
  const text = `${headline(state)}\n${textTable(columns, state.nodes.map((n) => [n.node, n.status, duration(n), n.note]))}`;
  return { "text/plain": text, "text/html": html };
}
