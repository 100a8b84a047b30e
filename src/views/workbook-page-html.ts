import { DAG_STYLE } from "./dag-svg.js";
import { esc, VIEW_STYLE } from "./html.js";
import { themeVariables } from "./theme-style.js";
import * as msg from "../messages.js";

/** The name the page's export button saves the report under. */
export const WORKBOOK_EXPORT_FILE = "workbook-report.html";

/**
 * The workbook page's shell. Everything it loads is named relative to the page (`workbook-page.js`,
 * `events`, `edit`, ...), so it works at `/` and behind a proxy path such as `/proxy/8888/` alike.
 * The bundle renders the rest from the session's events.
 */
export function workbookPageHtml(title: string, token: string): string {
  const q = `?token=${encodeURIComponent(token)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="cl-token" content="${esc(token)}">
<title>${esc(title)} · cursus-lab workbook</title>
<style>
${themeVariables(":root")}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--cl-fg);background:var(--cl-bg)}
header{padding:10px 18px;border-bottom:1px solid var(--cl-border)}
header h1{font-size:18px;margin:0}
header #wb-export{color:var(--cl-link)}
main{padding:8px 18px;max-width:1200px}
section>h2{font-size:15px;margin:14px 0 6px}
.wb-cell{border:1px solid var(--cl-border);border-left:5px solid var(--cl-border);border-radius:6px;margin:10px 0;padding:6px 10px}
.wb-cell[data-status=succeeded],.wb-cell[data-status=cached]{border-left-color:var(--cl-ok-fg)}
.wb-cell[data-status=failed]{border-left-color:var(--cl-bad-fg)}
.wb-cell[data-status=running],.wb-cell[data-status=interrupted]{border-left-color:var(--cl-warn-fg)}
.wb-cell h3{font-size:14px;margin:2px 0;display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.wb-field-problem{color:var(--cl-bad-fg);font-size:12px}
.wb-note{font:12px ui-monospace,monospace;color:var(--cl-muted);white-space:pre-wrap}
.wb-user-cell{border:1px dashed var(--cl-border);border-radius:6px;margin:10px 0;padding:6px 10px}
.wb-user-cell pre.wb-error{color:var(--cl-bad-fg);white-space:pre-wrap}
.wb-charts{display:flex;flex-wrap:wrap;gap:12px}
.wb-phantom-reason{color:var(--cl-muted);margin:4px 0}
.cl-dag .cl-dag-running rect{fill:var(--cl-warn-bg);stroke:var(--cl-warn-fg)}
.cl-dag .cl-dag-pending rect{fill:var(--cl-grey-bg);stroke:var(--cl-warn-fg);stroke-dasharray:2 2}
.cl-dag .cl-dag-node{cursor:pointer}
${DAG_STYLE}
</style>
${VIEW_STYLE}
</head>
<body>
<header><h1>${esc(title)}</h1><div id="wb-connection" class="cl-muted">connecting…</div>
<a id="wb-export" href="export${esc(q)}" download="${WORKBOOK_EXPORT_FILE}" title="${esc(msg.workbookExportTitle())}">${esc(msg.workbookExportButton())}</a></header>
<main class="cl-view">
<section id="wb-dag"><h2>Pipeline</h2><div id="wb-dag-picture"></div><div id="wb-dag-detail" class="wb-phantom-reason" role="status"></div></section>
<section><h2>Charts</h2><div id="wb-charts" class="wb-charts"></div></section>
<section id="wb-user"><h2>Workbook cells</h2><div id="wb-user-cells"></div></section>
<section><h2>Script nodes</h2><div id="wb-cells"></div></section>
</main>
<script src="workbook-page.js${esc(q)}"></script>
</body>
</html>
`;
}
