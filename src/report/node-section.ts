import * as msg from "../messages.js";
import { argValueText } from "../specs/arg-text.js";
import type { NodeRecord, OutputRecord, RunRecord } from "../results/run-record.js";
import { formatBytes, formatDuration, outputRows, plural } from "../views/format.js";
import { badge, esc, htmlTable, shortPath, type Cell } from "../views/html.js";
import { progressStatus } from "../views/run-progress.js";
import type { TablePreview } from "./csv-preview.js";

/** What the report read beside the record for one node: previews of its tabular outputs, its log's end. */
export interface NodeExtras {
  readonly previews: Readonly<Record<string, TablePreview>>;
  readonly stdoutTail: readonly string[];
}

/** A stable, unique anchor per node: names may hold dots and other characters ids should not. */
export function nodeAnchor(record: RunRecord, name: string): string {
  const index = record.nodes.findIndex((n) => n.name === name);
  return `node-${index}-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function facts(pairs: readonly (readonly [string, Cell])[]): string {
  const rows = pairs.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${typeof v === "string" ? esc(v) : v.html}</dd>`);
  return ["<dl class=\"cl-facts\">", ...rows, "</dl>"].join("\n");
}

function durationFact(node: NodeRecord): string {
  if (node.status === "skipped") return msg.reportNotRun();
  if (node.cache === "hit" && node.reused !== undefined) return msg.reportReusedDuration(formatDuration(node.reused.durationMs), node.reused.runId, formatDuration(node.durationMs));
  return formatDuration(node.durationMs);
}

function valuesTables(node: NodeRecord): string[] {
  const spec = node.spec;
  const env: Cell[][] = spec === undefined ? Object.entries(node.env).map(([k, v]) => [k, { html: `<code>${esc(v)}</code>` }, ""]) : Object.entries(spec.env).map(([k, v]) => [k, { html: `<code>${esc(v.value)}</code>` }, v.source]);
  const args: Cell[][] = spec === undefined ? [[node.args.join(" "), "", ""]] : spec.args.map((a) => [a.flag, { html: `<code>${esc(argValueText(a))}</code>` }, a.source]);
  const out: string[] = [];
  if (env.length > 0) out.push(htmlTable(["env var", "value", "source"], env, { caption: msg.reportEnvCaption(), attributes: ' data-cl-table="env"' }));
  if (args.length > 0) out.push(htmlTable(["job argument", "value", "source"], args, { caption: msg.reportArgsCaption(), attributes: ' data-cl-table="args"' }));
  return out;
}

function inputsTable(record: RunRecord, node: NodeRecord): string {
  const spec = node.spec;
  if (spec === undefined) {
    const rows = Object.entries(node.inputs).map(([k, p]): Cell[] => [k, shortPath(p), ""]);
    return rows.length === 0 ? "" : htmlTable(["input", "path", "from"], rows, { caption: msg.reportInputsCaption(), attributes: ' data-cl-table="inputs"' });
  }
  const rows = Object.entries(spec.inputs).map(([name, entry]): Cell[] => {
    const wire = record.wires.find((w) => w.node === node.name && w.input === name);
    let from: Cell = entry.source === "generated" ? msg.reportGeneratedFrom(entry.generatedFrom ?? "") : entry.source;
    if (entry.from !== undefined) {
      const up = `<a href="#${esc(nodeAnchor(record, entry.from.node))}">${esc(entry.from.node)}</a>.${esc(entry.from.output)}`;
      from = { html: wire === undefined ? up : `${up}<br><span class="cl-muted">${esc(msg.reportWireKind(wire.kind, wire.confidence))}</span>` };
    }
    return [{ html: `${esc(name)}${entry.required ? "" : ' <span class="cl-muted">(optional)</span>'}` }, shortPath(entry.path), from, { html: `<code>${esc(entry.containerPath)}</code>` }];
  });
  return rows.length === 0 ? "" : htmlTable(["input", "path", "from", "container path"], rows, { caption: msg.reportInputsCaption(), attributes: ' data-cl-table="inputs"' });
}

function previewTable(preview: TablePreview): string {
  const caption = msg.reportPreviewCaption(preview.file, preview.rows.length, preview.hiddenColumns);
  return `<div class="cl-scroll">\n${htmlTable(preview.columns, preview.rows, { caption, attributes: ' data-cl-table="preview"' })}\n</div>`;
}

function outputsPart(node: NodeRecord, extras: NodeExtras): string[] {
  if (node.status === "skipped" || node.outputs.length === 0) return [];
  const rows = node.outputs.map((o: OutputRecord): Cell[] => {
    const counted = outputRows(o);
    return [o.logicalName, plural(o.fileCount, "file"), formatBytes(o.totalBytes), counted === undefined ? "" : String(counted), shortPath(o.shownAt ?? o.path)];
  });
  const parts = [htmlTable(["output", "files", "size", "rows", "path"], rows, { caption: msg.reportOutputsCaption(), attributes: ' data-cl-table="outputs"' })];
  for (const o of node.outputs) {
    const preview = extras.previews[o.logicalName];
    if (preview !== undefined) parts.push(previewTable(preview));
  }
  return parts;
}

function failurePart(record: RunRecord, node: NodeRecord): string[] {
  if (node.status === "skipped") {
    const link = `<a href="#${esc(nodeAnchor(record, node.skippedBecause))}">${esc(node.skippedBecause)}</a>`;
    return [`<p class="cl-skip-cause" data-cl-skipped-because="${esc(node.skippedBecause)}">${msg.reportSkippedBecause(link)}</p>`];
  }
  if (node.status === "interrupted") return [`<p>${esc(node.message)}</p>`, ...(node.tail.length === 0 ? [] : [`<pre data-cl-tail>${esc(node.tail.join("\n"))}</pre>`])];
  if (node.status !== "failed") return [];
  const e = node.error;
  return [
    `<h4>${esc(msg.reportFailureHeading())}</h4>`,
    `<p><b>${esc(e.message)}</b>${e.exitCode === undefined ? "" : ` <span class="cl-muted">(exit code ${e.exitCode})</span>`}</p>`,
    ...(e.hint === undefined ? [] : [`<p>${esc(msg.reportWhatToTry(e.hint))}</p>`]),
    `<pre data-cl-tail>${esc(e.tail.join("\n"))}</pre>`,
  ];
}

function logPart(node: NodeRecord, extras: NodeExtras): string[] {
  if (node.logs === undefined) return [];
  const where = facts([
    ["stdout", shortPath(node.logs.stdout, 90)],
    ["stderr", shortPath(node.logs.stderr, 90)],
  ]);
  const excerpt = extras.stdoutTail.length === 0 ? "" : `\n<pre data-cl-log>${esc(extras.stdoutTail.join("\n"))}</pre>`;
  return [`<details${node.status === "failed" ? " open" : ""}>`, `<summary>${esc(msg.reportLogSummary(extras.stdoutTail.length))}</summary>`, `${where}${excerpt}`, "</details>"];
}

/** One node's section: what it ran with, where its inputs came from, what it left, and how it ended. */
export function nodeSection(record: RunRecord, node: NodeRecord, extras: NodeExtras): string {
  const status = progressStatus(node);
  const decision = node.status === "skipped" ? node.cacheReason : `${node.cache === "hit" ? msg.reportCacheHit() : msg.reportCacheMiss()}: ${node.cacheReason}`;
  const pairs: [string, Cell][] = [
    ["step type", node.stepType],
    ["script", shortPath(node.scriptPath, 90)],
    ["duration", durationFact(node)],
    ["cache", decision],
  ];
  if (node.entry !== undefined) pairs.push(["entry", `${node.entry}${node.entryReason === undefined ? "" : `: ${node.entryReason}`}`]);
  if (node.fingerprint !== undefined) pairs.push(["fingerprint", { html: `<code title="${esc(node.fingerprint)}">${esc(node.fingerprint.slice(0, 16))}</code>` }]);
  return [
    `<article class="cl-node${node.status === "failed" ? " cl-failed-node" : ""}" id="${esc(nodeAnchor(record, node.name))}" data-cl-node="${esc(node.name)}" data-cl-status="${status}">`,
    `<h3>${esc(node.name)} ${badge(status).html}</h3>`,
    facts(pairs),
    ...failurePart(record, node),
    ...valuesTables(node),
    inputsTable(record, node),
    ...outputsPart(node, extras),
    ...logPart(node, extras),
    "</article>",
  ]
    .filter((part) => part !== "")
    .join("\n");
}
