import escapeHtml from "escape-html";
import { chartThemeRules, themeVariables } from "./theme-style.js";

/** Every value that reaches HTML goes through here: node names, paths and messages come from user files. */
export function esc(value: string | number | undefined): string {
  return escapeHtml(value === undefined ? "" : String(value));
}

/** A cell is either plain text (escaped here) or markup a view built itself from escaped parts. */
export type Cell = string | { readonly html: string };

export function cellHtml(cell: Cell): string {
  return typeof cell === "string" ? esc(cell) : cell.html;
}

export interface TableOptions {
  readonly caption?: string;
  /** Added to each row, e.g. to mark phantoms or failures. */
  readonly rowClass?: (rowIndex: number) => string | undefined;
  readonly attributes?: string;
}

export function htmlTable(head: readonly string[], rows: readonly (readonly Cell[])[], options: TableOptions = {}): string {
  const caption = options.caption === undefined ? "" : `<caption>${esc(options.caption)}</caption>`;
  const th = head.map((h) => `<th>${esc(h)}</th>`).join("");
  const body = rows
    .map((row, i) => {
      const cls = options.rowClass?.(i);
      return `<tr${cls === undefined ? "" : ` class="${esc(cls)}"`}>${row.map((c) => `<td>${cellHtml(c)}</td>`).join("")}</tr>`;
    })
    .join("");
  return `<table class="cl-table"${options.attributes ?? ""}>${caption}<thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * A path too long for its cell, shortened in the middle (the start says where, the end says what), with the
 * whole path in the title.
 */
export function shortPath(path: string, max = 60): { html: string } {
  if (path.length <= max) return { html: `<code>${esc(path)}</code>` };
  const keep = max - 1;
  const head = Math.ceil(keep * 0.4);
  const short = `${path.slice(0, head)}…${path.slice(path.length - (keep - head))}`;
  return { html: `<code title="${esc(path)}">${esc(short)}</code>` };
}

/** A status word styled by its value; the word itself stays readable without the style. */
export function badge(status: string): { html: string } {
  return { html: `<span class="cl-badge cl-${esc(status)}">${esc(status)}</span>` };
}

/**
 * One style sheet for every view, scoped under `.cl-view` so it cannot restyle the host page. Sent with each
 * output because notebooks, exported HTML and the report show outputs independently. Colours come from
 * theme variables (theme-style.ts).
 */
export const VIEW_STYLE = `<style>
${themeVariables(".cl-view")}
.cl-view{font:13px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--cl-fg);background:var(--cl-bg);margin:4px 0;padding:2px 4px}
.cl-view h3{font-size:14px;margin:8px 0 4px;color:var(--cl-fg)}
.cl-view .cl-table{border-collapse:collapse;margin:4px 0 10px;max-width:100%;table-layout:auto}
.cl-view .cl-table caption{text-align:left;font-weight:600;padding:2px 0}
.cl-view .cl-table th,.cl-view .cl-table td{border:1px solid var(--cl-border);padding:3px 8px;text-align:left;vertical-align:top;color:var(--cl-fg);overflow-wrap:anywhere}
.cl-view .cl-table th{background:var(--cl-head-bg)}
.cl-view .cl-table code{font-size:12px;overflow-wrap:anywhere}
.cl-view .cl-table td{max-width:640px}
.cl-view .cl-counts{display:flex;gap:14px;flex-wrap:wrap;margin:4px 0 8px}
.cl-view .cl-counts span{white-space:nowrap}
.cl-view .cl-badge{display:inline-block;border-radius:9px;padding:0 7px;font-size:12px;background:var(--cl-grey-bg);color:var(--cl-grey-fg)}
.cl-view .cl-script,.cl-view .cl-succeeded,.cl-view .cl-cached{background:var(--cl-ok-bg);color:var(--cl-ok-fg)}
.cl-view .cl-phantom,.cl-view .cl-pending,.cl-view .cl-skipped{background:var(--cl-grey-bg);color:var(--cl-grey-fg)}
.cl-view .cl-error,.cl-view .cl-failed{background:var(--cl-bad-bg);color:var(--cl-bad-fg)}
.cl-view .cl-running,.cl-view .cl-interrupted{background:var(--cl-warn-bg);color:var(--cl-warn-fg)}
.cl-view tr.cl-row-phantom td{color:var(--cl-muted)}
.cl-view .cl-problems{color:var(--cl-bad-fg);margin:4px 0;padding-left:18px}
.cl-view .cl-muted{color:var(--cl-muted)}
.cl-view input.cl-field{font:12px ui-monospace,monospace;width:100%;min-width:260px;box-sizing:border-box}
.cl-view input.cl-field[aria-invalid=true]{border-color:var(--cl-bad-fg);background:var(--cl-bad-bg)}
.cl-view .cl-form-status{margin:6px 0}
.cl-view figure{margin:6px 0;max-width:100%;overflow-x:auto}
.cl-view figcaption{font-weight:600;margin-bottom:2px}
${chartThemeRules(".cl-view")}
</style>`;

/** Wraps a view's markup with the shared style; `label` names the view for tests and the report. */
export function viewHtml(label: string, inner: string): string {
  return `<div class="cl-view" data-cl-view="${esc(label)}">${VIEW_STYLE}${inner}</div>`;
}
