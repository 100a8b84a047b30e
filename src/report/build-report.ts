import { isAbsolute, resolve } from "node:path";
import { loadDag } from "../dag/parse-dag.js";
import * as msg from "../messages.js";
import type { RunRecord } from "../results/run-record.js";
import { esc } from "../views/html.js";
import { rowsSteps } from "../views/rows-chart.js";
import { runCharts } from "../views/run-charts.js";
import { renderSvg } from "../views/vega-svg.js";
import { compareRuns } from "./compare-runs.js";
import { tablePreview, type TablePreview } from "./csv-preview.js";
import { pathScrubber, scrubStrings } from "./display-paths.js";
import { previousRun } from "./locate-run.js";
import { logExcerpt } from "./log-excerpt.js";
import { nodeAnchor, nodeSection, type NodeExtras } from "./node-section.js";
import { chartsSection, changesSection, dagSection, headerHtml, phantomsSection, type Section } from "./report-sections.js";
import { reportStyle } from "./report-style.js";
import { withReusedTiming } from "./reused-timing.js";

export interface ReportOptions {
  /** Paths under it are shown relative to it (default: the current folder, where `cursus-lab run` was started). */
  readonly projectRoot?: string;
  /** Hide machine-specific paths (workspace, home, temp folders). */
  readonly redactPaths?: boolean;
  /** The run to compare with; default: the workspace's run before this one. */
  readonly compare?: RunRecord;
}

// Nothing may load from anywhere: the page is one file, and a reader's browser must not reach out.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The DAG's edges: from the record when it carries them, else from its DAG file, else the wires. */
function dagEdges(record: RunRecord, projectRoot: string): readonly (readonly [string, string])[] {
  if (record.edges !== undefined) return record.edges;
  try {
    return loadDag(isAbsolute(record.dag) ? record.dag : resolve(projectRoot, record.dag)).edges;
  } catch {
    return [...new Set(record.wires.map((w) => JSON.stringify([w.fromNode, w.node])))].map((e) => JSON.parse(e) as [string, string]);
  }
}

function descriptionOf(record: RunRecord, projectRoot: string): string | undefined {
  if (record.description !== undefined) return record.description;
  try {
    return loadDag(isAbsolute(record.dag) ? record.dag : resolve(projectRoot, record.dag)).description;
  } catch {
    return undefined;
  }
}

function extrasOf(record: RunRecord): Map<string, NodeExtras> {
  return new Map(
    record.nodes.map((n) => {
      const previews: Record<string, TablePreview> = {};
      if (n.status !== "skipped") {
        for (const o of n.outputs) {
          const preview = tablePreview(o);
          if (preview !== undefined) previews[o.logicalName] = preview;
        }
      }
      return [n.name, { previews, stdoutTail: n.logs === undefined ? [] : logExcerpt(n.logs.stdout, 12) }];
    }),
  );
}

function toc(sections: readonly Section[], record: RunRecord, anchor: (name: string) => string): string {
  const items = sections.map((s) =>
    s.id === "nodes"
      ? `<li><a href="#nodes">${esc(s.title)}</a>\n<ul>\n${record.nodes.map((n) => `<li><a href="#${esc(anchor(n.name))}">${esc(n.name)}</a></li>`).join("\n")}\n</ul></li>`
      : `<li><a href="#${s.id}">${esc(s.title)}</a></li>`,
  );
  return [`<nav class="cl-toc" aria-label="${esc(msg.reportTocHeading())}">`, `<b>${esc(msg.reportTocHeading())}</b>`, "<ul>", ...items, "</ul>", "</nav>"].join("\n");
}

/**
 * The one-file HTML report of a run: no script, and every style and picture inline (charts are drawn to
 * SVG here, not in the reader's browser), so it opens offline, prints, and is safe to publish.
 */
export async function buildReport(raw: RunRecord, options: ReportOptions = {}): Promise<string> {
  const projectRoot = resolve(options.projectRoot ?? process.cwd());
  const withTiming = withReusedTiming(raw);
  const earlierRaw = options.compare ?? previousRun(raw);
  const scrub = pathScrubber({ projectRoot, workspace: raw.workspace, redact: options.redactPaths === true });
  const record = scrubStrings({ ...withTiming, description: descriptionOf(raw, projectRoot) }, scrub);
  const extras = scrubStrings(Object.fromEntries(extrasOf(withTiming)), scrub);
  const earlier = earlierRaw === undefined ? undefined : scrubStrings(earlierRaw, scrub);

  const charts = runCharts(record);
  const svgs = await Promise.all(charts.map((c) => renderSvg(c.spec)));
  const drops = rowsSteps(record).filter((s) => s.change === "fewer rows than its input");
  const dropNote = drops.length === 0 ? "" : `<ul class="cl-drops">\n${drops.map((d) => `<li class="cl-drop">${esc(msg.reportRowsDrop(d.output, d.rows, d.inputRows ?? 0))}</li>`).join("\n")}\n</ul>`;

  const sections: Section[] = [
    dagSection(record, dagEdges(raw, projectRoot)),
    phantomsSection(record),
    chartsSection(charts.map((c, i) => ({ name: c.name, title: c.title, svg: svgs[i]! })), dropNote),
    changesSection(record, earlier, earlier === undefined ? [] : compareRuns(record, earlier), options.compare !== undefined),
    {
      id: "nodes",
      title: msg.reportNodesHeading(),
      html: record.nodes.map((n) => nodeSection(record, n, extras[n.name] ?? { previews: {}, stdoutTail: [] })).join("\n"),
    },
  ];
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="generator" content="cursus-lab">',
    `<title>${esc(msg.reportTitle(record.dag))} · ${esc(record.runId)}</title>`,
    `<style>\n${reportStyle()}\n</style>`,
    "</head>",
    "<body>",
    '<div class="cl-page">',
    toc(sections, record, (name) => nodeAnchor(record, name)),
    "<main>",
    headerHtml(record),
    ...sections.map((s) => `<section id="${s.id}">\n<h2>${esc(s.title)}</h2>\n${s.html}\n</section>`),
    "</main>",
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
