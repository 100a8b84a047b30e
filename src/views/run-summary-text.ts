import { join } from "node:path";
import type { NodeRecord, RunRecord } from "../results/run-record.js";
import { formatDuration, outputLine } from "./format.js";
import { progressStatus } from "./run-progress.js";
import { textTable } from "./text-table.js";
import * as msg from "../messages.js";

/** Files, bytes and data rows a node left in its outputs. */
export function outputSummary(node: NodeRecord): string {
  if (node.status === "skipped") return "-";
  return node.outputs.map(outputLine).join("\n");
}

/** Why a node ran, was reused, failed or was skipped, in one short cell. */
export function nodeNote(node: NodeRecord): string {
  if (node.status === "failed") return node.error.message;
  if (node.status === "skipped") return `${node.skippedBecause} failed`;
  if (node.status === "interrupted") return node.message;
  return node.cacheReason;
}

/** The last lines a failed node wrote, and where its whole logs are. */
export function failureDetails(run: RunRecord, tailLines = 12): string[] {
  return run.nodes.flatMap((n) =>
    n.status === "failed"
      ? [
          `${n.name} failed: ${n.error.message}`,
          ...n.error.tail.slice(-tailLines).map((l) => `  | ${l}`),
          ...(n.error.hint === undefined ? [] : [`  what to try: ${n.error.hint}`]),
          ...(n.logs === undefined ? [] : [`  logs: ${n.logs.stderr}`, `        ${n.logs.stdout}`]),
        ]
      : [],
  );
}

/**
 * More reused nodes than this are folded into one line: a rerun of a thousand-node pipeline where a few
 * nodes changed should show those few, and a row per reused node is what a table library draws slowest.
 */
export const FOLD_REUSED_AFTER = 20;
/** More nodes that ran and succeeded than this: the table keeps the slowest SHOW_SLOWEST of them, and says how many more. */
export const FOLD_SUCCEEDED_AFTER = 50;
export const SHOW_SLOWEST = 20;

export function runSummaryText(run: RunRecord, width?: number): string {
  const reused = run.nodes.filter((n) => progressStatus(n) === "cached").length;
  const foldReused = reused > FOLD_REUSED_AFTER;
  const ran = run.nodes.filter((n) => progressStatus(n) === "succeeded");
  // Failures, skips and interrupts are always listed; of many successes, the slowest tell the most.
  const slowest = ran.length > FOLD_SUCCEEDED_AFTER ? new Set([...ran].sort((a, b) => b.durationMs - a.durationMs).slice(0, SHOW_SLOWEST)) : undefined;
  const shown = run.nodes.filter((n) => {
    const status = progressStatus(n);
    if (status === "cached") return !foldReused;
    return status !== "succeeded" || slowest === undefined || slowest.has(n);
  });
  const rows = shown.map((n) => [n.name, progressStatus(n), formatDuration(n.durationMs), outputSummary(n), nodeNote(n)]);
  const c = run.counts;
  const line =
    `run ${run.runId}: ${run.status} in ${formatDuration(run.durationMs)}; ` +
    `${msg.runCounts(c)}; record: ${run.runDir}/run.json`;
  const table = rows.length === 0 ? [] : [textTable(["node", "status", "time", "outputs", "why"], rows, width)];
  const folds = [
    ...(slowest === undefined ? [] : [msg.succeededFolded(ran.length - slowest.size, slowest.size)]),
    ...(foldReused ? [msg.reusedFolded(reused, rows.length > 0)] : []),
  ];
  const settled = run.settled === undefined ? [] : [msg.settledFrom(run.settled.from, run.settled.paths)];
  const killed = (run.killedRuns ?? []).map((k) => msg.earlierRunKilled(k.runId, k.pid, join(run.workspace, "runs", k.runId)));
  return [...killed, ...table, ...folds, ...settled, line, ...failureDetails(run)].join("\n");
}
