import { DAG_STYLE } from "../views/dag-svg.js";
import { chartThemeRules, themeVariables } from "../views/theme-style.js";

/**
 * The report's whole style sheet: the views' theme variables on the page itself, a layout for reading on
 * screen, and print rules (no navigation, sections kept whole, light colours whatever the screen uses).
 */
export function reportStyle(): string {
  return [
    themeVariables(":root"),
    ":root{color-scheme:light dark}",
    "*{box-sizing:border-box}",
    "body{margin:0;font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",sans-serif;color:var(--cl-fg);background:var(--cl-bg)}",
    ".cl-page{display:grid;grid-template-columns:minmax(180px,240px) minmax(0,1fr);gap:24px;max-width:1400px;margin:0 auto;padding:16px 24px}",
    ".cl-toc{position:sticky;top:12px;align-self:start;max-height:calc(100vh - 24px);overflow:auto;font-size:14px}",
    ".cl-toc ul{list-style:none;padding-left:12px;margin:4px 0}",
    ".cl-toc>ul{padding-left:0}",
    "a{color:var(--cl-link)}",
    "h1{font-size:24px;margin:4px 0 8px}",
    "h2{font-size:19px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--cl-border)}",
    "h3{font-size:16px;margin:20px 0 6px}",
    "h4{font-size:14px;margin:12px 0 4px}",
    "code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}",
    "pre{background:var(--cl-head-bg);border:1px solid var(--cl-border);border-radius:6px;padding:8px 10px;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere}",
    ".cl-muted{color:var(--cl-muted)}",
    ".cl-facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 14px;margin:6px 0}",
    ".cl-facts dt{color:var(--cl-muted)}",
    ".cl-facts dd{margin:0;overflow-wrap:anywhere}",
    ".cl-table{border-collapse:collapse;margin:6px 0 12px;max-width:100%;font-size:14px}",
    ".cl-table caption{text-align:left;font-weight:600;padding:2px 0}",
    ".cl-table th,.cl-table td{border:1px solid var(--cl-border);padding:3px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}",
    ".cl-table th{background:var(--cl-head-bg)}",
    ".cl-table td{max-width:520px}",
    ".cl-scroll{overflow-x:auto;max-width:100%}",
    ".cl-badge{display:inline-block;border-radius:9px;padding:0 8px;font-size:13px;background:var(--cl-grey-bg);color:var(--cl-grey-fg)}",
    ".cl-succeeded,.cl-cached,.cl-reran{background:var(--cl-ok-bg);color:var(--cl-ok-fg)}",
    ".cl-failed,.cl-error{background:var(--cl-bad-bg);color:var(--cl-bad-fg)}",
    ".cl-interrupted{background:var(--cl-warn-bg);color:var(--cl-warn-fg)}",
    ".cl-skipped,.cl-phantom,.cl-reused{background:var(--cl-grey-bg);color:var(--cl-grey-fg)}",
    ".cl-counts{display:flex;gap:16px;flex-wrap:wrap;margin:8px 0}",
    ".cl-node{border:1px solid var(--cl-border);border-radius:8px;padding:4px 16px 10px;margin:14px 0;break-inside:avoid-page}",
    ".cl-node.cl-failed-node{border-color:var(--cl-bad-fg)}",
    ".cl-drop{color:var(--cl-bad-fg);font-weight:600}",
    "figure{margin:8px 0 16px;overflow-x:auto}",
    "figcaption{font-weight:600;margin-bottom:4px}",
    "figure svg{max-width:100%;height:auto}",
    chartThemeRules("figure"),
    DAG_STYLE,
    "@media (max-width:900px){.cl-page{grid-template-columns:minmax(0,1fr)}.cl-toc{position:static;max-height:none}}",
    "@media print{",
    ":root{--cl-fg:#000;--cl-bg:#fff;--cl-muted:#444;--cl-border:#999;--cl-head-bg:#f2f2f2;--cl-link:#000}",
    ".cl-page{display:block;padding:0}",
    ".cl-toc{display:none}",
    "h2{break-after:avoid}",
    "figure,table,pre{break-inside:avoid}",
    "details{display:block}",
    "}",
  ].join("\n");
}
