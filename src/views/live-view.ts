import type { RunRecord } from "../results/run-record.js";
import { esc, viewHtml } from "./html.js";
import type { MimeBundle } from "./mime-bundle.js";
import { progressBundle, type RunProgress } from "./run-progress.js";
import { runResultsBundle } from "./run-results-view.js";

/**
 * The notebook's live display as one bundle: the status table, then the results and charts of the
 * current state. One output replaced in place cannot carry several Vega-Lite specs, so the charts come
 * as their SVG in the HTML and their rows in the text.
 */
export function liveBundle(progress: RunProgress, record: RunRecord | undefined, charts: readonly MimeBundle[], note: string): MimeBundle {
  const parts: MimeBundle[] = [progressBundle(progress), ...(record === undefined || record.nodes.length === 0 ? [] : [runResultsBundle(record)]), ...charts];
  const html = viewHtml("live", `<div class="cl-muted">${esc(note)}</div>${parts.map((p) => p["text/html"]).join("")}`);
  const text = [note, ...parts.map((p) => p["text/plain"])].join("\n\n");
  return { "text/plain": text, "text/html": html };
}
