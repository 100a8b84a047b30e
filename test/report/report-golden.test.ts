import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/build-report.js";
import { readRunRecord } from "../../src/results/write-run-record.js";
import { root } from "../kernel/project.js";
import { expectGolden } from "../views/golden.js";

const OPENING = /<(?=(?:html|head|body|meta|title|style|nav|main|header|section|article|h[1-4]|p|ul|li|dl|dt|table|caption|thead|tbody|tr|figure|figcaption|details|summary|pre|div|svg|g|path)\b)/g;
const CLOSING = /<(?=\/(?:html|head|body|nav|main|header|section|article|ul|dl|table|tbody|figure|details|div|svg)>)/g;

/**
 * The report's structure as a reviewer reads it: one element per line, the style sheet and the vega-drawn
 * chart SVGs (tested in Chromium instead) reduced to a marker.
 */
function outline(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, "<style>(report-style.ts)</style>")
    .replace(/(<figcaption>[^<]*<\/figcaption>\n)<svg[\s\S]*?<\/svg>/g, "$1<svg>(vega chart)</svg>")
    .replace(OPENING, "\n<")
    .replace(CLOSING, "\n<")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .join("\n");
}

describe("report structure (golden)", () => {
  // A real failed run's record, its machine paths replaced by /ws/demo and /project: nothing on disk to read.
  const record = readRunRecord(join(root, "test", "fixtures", "report", "failed-run.json"));

  it("has a header, contents, DAG, phantoms, charts, changes and one section per node", async () => {
    const html = await buildReport(record, { projectRoot: "/project" });
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expectGolden("report-failed-run.html", `${outline(html)}\n`);
  });
});
