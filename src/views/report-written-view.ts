import * as msg from "../messages.js";
import type { RunRecord } from "../results/run-record.js";
import { formatBytes } from "./format.js";
import { badge, esc, viewHtml } from "./html.js";
import type { MimeBundle } from "./mime-bundle.js";

/**
 * What `lab.report()` shows once the file is written: where it is, how big, and the run's outcome in one
 * line. The path is project-relative text, not a link: the kernel does not know the notebook's folder, so
 * a relative link could point anywhere.
 */
export function reportWrittenBundle(record: RunRecord, file: string, bytes: number): MimeBundle {
  const c = record.counts;
  const outcome = msg.notebookReportCounts(c.succeeded, c.cached, c.failed, c.skipped, record.phantoms.length);
  const html = viewHtml(
    "report-written",
    `<p>${esc(msg.notebookReportWritten(record.runId))} ${badge(record.status).html}<br><code data-cl-report-file>${esc(file)}</code> (${esc(formatBytes(bytes))})<br><span class="cl-muted">${esc(outcome)}</span></p>`,
  );
  const text = `${msg.notebookReportWritten(record.runId)} (${record.status}): ${file} (${formatBytes(bytes)})\n${outcome}`;
  return { "text/plain": text, "text/html": html };
}
