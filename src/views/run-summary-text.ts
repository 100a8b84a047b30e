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

export function runSummaryText(run: RunRecord, width?: number): string {
  const rows = run.nodes.map((n) => [n.name, progressStatus(n), formatDuration(n.durationMs), outputSummary(n), nodeNote(n)]);
  const c = run.counts;
  const line =
    `run ${run.runId}: ${run.status} in ${formatDuration(run.durationMs)}; ` +
    `${msg.runCounts(c)}; record: ${run.runDir}/run.json`;
  return [textTable(["node", "status", "time", "outputs", "why"], rows, width), line, ...failureDetails(run)].join("\n");
}
