import type { NodeRecord, OutputRecord, RunRecord } from "../results/run-record.js";
import { badge, esc, htmlTable, viewHtml, type Cell } from "./html.js";
import type { MimeBundle } from "./mime-bundle.js";
import { formatDuration, outputLine } from "./format.js";
import { progressStatus } from "./run-progress.js";
import { textTable } from "./text-table.js";
import * as msg from "../messages.js";

function outputsOf(record: NodeRecord): readonly OutputRecord[] {
  return record.status === "skipped" ? [] : record.outputs;
}

/** Why a node ended the way it did, in one line plus the tail of stderr for failures. */
function noteOf(record: NodeRecord): string {
  if (record.status === "failed") return [record.error.message, ...record.error.tail.slice(-3)].join("\n");
  return record.status === "interrupted" ? record.message : record.cacheReason;
}

function startedOf(record: NodeRecord): string {
  return record.status === "skipped" || record.startedAt === undefined ? "" : record.startedAt.replace("T", " ").replace(/\.\d+Z$/, "Z");
}

export function runCountsLine(record: RunRecord): string {
  const c = record.counts;
  return `run ${record.runId} ${record.status} in ${formatDuration(record.durationMs)}: ${msg.runCounts(c)}`;
}

/** The results of a finished run, one row per script node, in the record's (topological) order. */
export function runResultsBundle(record: RunRecord): MimeBundle {
  const rows = record.nodes.map((n): Cell[] => [
    n.name,
    // The progress view's words: a reused result reads "cached" in both.
    badge(progressStatus(n)),
    n.status === "skipped" ? "" : formatDuration(n.durationMs),
    startedOf(n),
    { html: outputsOf(n).map((o) => esc(outputLine(o))).join("<br>") },
    { html: esc(noteOf(n)).replace(/\n/g, "<br>") },
  ]);
  const head = ["node", "status", "duration", "started", "outputs", "note"];
  const phantoms = record.phantoms.length === 0 ? "" : `<div class="cl-muted">not run here (phantoms): ${esc(record.phantoms.map((p) => p.node).join(", "))}</div>`;
  const html = viewHtml(
    "run-results",
    `<h3>${esc(runCountsLine(record))}</h3><div class="cl-muted">run folder <code>${esc(record.runDir)}</code> · python ${esc(record.python)}</div>` +
      htmlTable(head, rows, { attributes: ' data-cl-table="results"', rowClass: (i) => `cl-row-${record.nodes[i]!.status}` }) +
      phantoms,
  );
  const textRows = record.nodes.map((n) => [n.name, progressStatus(n), n.status === "skipped" ? "" : formatDuration(n.durationMs), outputsOf(n).map(outputLine).join("\n"), noteOf(n)]);
  const text = `${runCountsLine(record)}\nrun folder: ${record.runDir}\n${textTable(head.filter((h) => h !== "started"), textRows)}`;
  return { "text/plain": text, "text/html": html };
}
