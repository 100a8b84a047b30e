import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactsDir, registerKernel, root, tempDir } from "../kernel/project.js";
import { launchChromium } from "../widgets/browser.js";
import { cellsWith, executeNotebook, expectNoFailedCell, htmlOf, sourceOf, textOf, type Cell, type Executed, type Output } from "./execute-notebook.js";
import { DEMO_PHANTOMS as PHANTOMS, DEMO_SCRIPT_NODES as SCRIPT_NODES } from "../helpers/fixtures.js";
import { pngInfo } from "../helpers/png-info.js";
import { untrustedView } from "./untrusted-view.js";

const VEGA_LITE = "application/vnd.vegalite.v5+json";

/** [node, status] rows of a rendered table (elimination, progress or results). */
function rows(html: string, table: string): [string, string][] {
  const body = new RegExp(`data-cl-table="${table}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? "";
  return [...body.matchAll(/<tr[^>]*><td>([^<]+)<\/td>(?:<td>[^<]*<\/td>)*?<td><span class="cl-badge cl-(\w+)">/g)].map((m) => [m[1]!, m[2]!]);
}
const withStatus = (pairs: [string, string][], status: string): string[] => pairs.filter(([, s]) => s === status).map(([n]) => n);
const counts = (html: string): Record<string, number> => Object.fromEntries([...html.matchAll(/data-cl-count="([^"]+)">(\d+)</g)].map((m) => [m[1]!, Number(m[2])]));
const displays = (outputs: Output[] | undefined): Output[] => (outputs ?? []).filter((o) => o.output_type === "display_data");
/** [node, state] of each box of a DAG picture. */
const dagStates = (html: string): [string, string][] => [...html.matchAll(/data-cl-dag-node="([^"]+)" data-cl-state="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]);
const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0]!;
};

/** What each demo notebook must show, beyond running without a failed cell. */
const checks: Record<string, (run: Executed) => void> = {
  "01-discovery.ipynb": (run) => {
    const discovery = htmlOf(only(displays(only(cellsWith(run, "lab.showDiscovery()")).outputs)));
    expect(counts(discovery)).toEqual({ "DAG nodes": 10, "script nodes": 7, phantoms: 3, errors: 0, pending: 0 });
    const elimination = rows(discovery, "elimination");
    expect(withStatus(elimination, "phantom")).toEqual(PHANTOMS);
    expect(withStatus(elimination, "script").sort()).toEqual([...SCRIPT_NODES].sort());
    const listed = textOf(only(only(cellsWith(run, "getScriptsRequiringTesting")).outputs!));
    for (const node of SCRIPT_NODES) expect(listed).toContain(node);
    expect(textOf(only(only(cellsWith(run, "getPendingScriptConfigurations")).outputs!)).trim()).toBe("0");
  },
  "02-configuration.ipynb": (run) => {
    const readOnly = htmlOf(only(displays(only(cellsWith(run, "lab.showRequirements(")).outputs)));
    expect(readOnly).toContain('data-cl-view="requirements"');
    expect(readOnly).toMatch(/<td>DATA<\/td>[\s\S]*?data-cl-source="inputs.DATA">user</);
    const form = htmlOf(only(displays(only(cellsWith(run, "lab.editRequirements(")).outputs)));
    expect(form).toMatch(/<div data-cl-form role="form" data-node="ModelCalibration_calibration" data-endpoint="http:\/\/127\.0\.0\.1:\d+\/configure" data-token="">/);
    expect(form).toContain('name="env.CALIBRATION_METHOD" value="isotonic"');
    expect(form).toMatch(/<script>[\s\S]+data-cl-form[\s\S]+<\/script>/);
    const [bad, good] = cellsWith(run, "lab.configure(");
    const problems = htmlOf(only(displays(bad!.outputs)));
    expect(problems).toContain("XGBoostTraining cannot be configured: 2 problems");
    // The export shows paths relative to the project.
    expect(problems).toContain("XGBoostTraining: input input_path points at notebooks/demo-pipeline/no-such-folder, which does not exist");
    expect(problems).toContain("XGBoostTraining: args has no &quot;--no-such-flag&quot;");
    expect(htmlOf(only(displays(good!.outputs)))).toMatch(/value="platt" data-initial="platt"|<code>platt<\/code><\/td><td><span data-cl-source="env.CALIBRATION_METHOD">override</);
    expect(textOf(only(only(cellsWith(run, "configChannel")).outputs!))).toContain("without token: 403; with token: 200 Applied to ModelCalibration_calibration");
    expect(textOf(only(only(cellsWith(run, "getScriptSpec")).outputs!))).toContain("ERROR_THRESHOLD=0.1 (override), CALIBRATION_METHOD=platt (override)");
  },
  "03-run.ipynb": (run) => {
    const [before, after] = cellsWith(run, "lab.showDag()").map((c) => htmlOf(only(displays(c.outputs))));
    expect(before).toContain('data-cl-view="dag"');
    const drawn = dagStates(before!);
    expect(drawn).toHaveLength(10);
    expect(drawn.filter(([, s]) => s === "phantom").map(([n]) => n).sort()).toEqual([...PHANTOMS].sort());
    expect((before!.match(/data-cl-dag-edge=/g) ?? []).length).toBeGreaterThanOrEqual(9);
    const afterRuns = dagStates(after!);
    expect(afterRuns.filter(([, s]) => s === "succeeded").map(([n]) => n).sort()).toEqual(["ModelCalibration_calibration", "Package"]);
    expect(afterRuns.filter(([, s]) => s === "cached")).toHaveLength(5);

    const discovery = htmlOf(only(displays(only(cellsWith(run, "lab.showDiscovery()")).outputs)));
    expect(withStatus(rows(discovery, "elimination"), "phantom")).toEqual(PHANTOMS);
    expect(discovery).toMatch(/CradleDataLoading_training<\/td>[\s\S]*?the config sets no processing_entry_point/);
    const req = htmlOf(only(displays(only(cellsWith(run, 'lab.showRequirements("ModelCalibration_calibration")')).outputs)));
    expect(req).toMatch(/data-cl-source="env\.CALIBRATION_METHOD">config:calibration_method</);

    const reported = only(displays(only(cellsWith(run, "await lab.report()")).outputs));
    expect(htmlOf(reported)).toContain('data-cl-view="report-written"');
    const file = /^Report of run \S+ written \(succeeded\): (.+) \(\d/.exec(textOf(reported))?.[1];
    expect(file, textOf(reported)).toBeDefined();
    // The export names its own workspace <workspace>; this test gave it one and kept it.
    const report = readFileSync(resolve(root, file!.replace(/^<workspace>/, join(workspace, "03-run.ipynb"))), "utf8");
    expect(report).toMatch(/^<!doctype html>/i);
    expect(report.match(/data-cl-dag-node=/g)).toHaveLength(10);

    const [first, second, third] = cellsWith(run, "await lab.run()");
    // The progress table was redrawn in place as nodes started and finished, not shown once at the end.
    const firstIndex = run.cells.indexOf(first!);
    const sent = run.summary.cells.find((c) => c.cell === firstIndex)!.messages;
    expect(sent["update_display_data"]).toBeGreaterThanOrEqual(2 * SCRIPT_NODES.length);
    expect(sent["display_data"]).toBe(6);
    // One progress output updated in place, then the results table and four charts.
    const outputs = displays(first!.outputs);
    expect(outputs.map((o) => /data-cl-view="([^"]+)"/.exec(htmlOf(o))?.[1])).toEqual(["run-progress", "run-results", "chart-timing", "chart-durations", "chart-outputs", "chart-rows"]);
    const progress = rows(htmlOf(outputs[0]!), "progress");
    expect(progress.map(([n]) => n).sort()).toEqual([...SCRIPT_NODES].sort());
    expect(withStatus(progress, "succeeded")).toHaveLength(7);
    const results = rows(htmlOf(outputs[1]!), "results");
    expect(results.map(([n]) => n).sort()).toEqual([...SCRIPT_NODES].sort());
    expect(withStatus(results, "succeeded")).toHaveLength(7);
    for (const chart of outputs.slice(2)) {
      const spec = chart.data![VEGA_LITE] as { $schema: string; data: { values: unknown[] } };
      expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
      // Every script node has a bar, except in the rows chart: only outputs whose rows were counted.
      expect(spec.data.values.length).toBeGreaterThanOrEqual(chart === outputs[5] ? 1 : 7);
      expect(htmlOf(chart)).toMatch(/<svg [^>]*class="marks"[\s\S]*<\/svg>/);
    }
    expect(htmlOf(outputs[2]!)).toContain(">XGBoostTraining</text>");
    // Reopened untrusted, each chart is its PNG: present, well formed, chart-sized and not blank.
    for (const chart of outputs.slice(2)) {
      const shown = untrustedView(chart);
      expect(shown?.mime).toBe("image/png");
      const png = pngInfo(Buffer.from(shown!.data as string, "base64"));
      expect(png.width).toBeGreaterThan(200);
      expect(png.height).toBeGreaterThan(50);
      expect(png.distinctBytes).toBeGreaterThan(16);
    }

    // Nothing changed: every node is reused.
    expect(withStatus(rows(htmlOf(displays(second!.outputs)[0]!), "progress"), "cached")).toHaveLength(7);
    // One env change reruns the calibration and what depends on it.
    const rerun = rows(htmlOf(displays(third!.outputs)[0]!), "progress");
    expect(withStatus(rerun, "succeeded").sort()).toEqual(["ModelCalibration_calibration", "Package"]);
    expect(withStatus(rerun, "cached")).toHaveLength(5);
    expect(textOf(only(only(cellsWith(run, "third.nodes")).outputs!))).toContain("ModelCalibration_calibration: succeeded, cache miss");
  },
  "04-cursus-fixtures.ipynb": (run) => {
    const asIs = htmlOf(only(displays(only(cellsWith(run, "real.showDiscovery()")).outputs)));
    expect(withStatus(rows(asIs, "elimination"), "phantom").sort()).toEqual([...PHANTOMS].sort());
    expect(counts(asIs)).toMatchObject({ "DAG nodes": 10, "script nodes": 0, phantoms: 3, errors: 7 });
    const withScripts = htmlOf(only(displays(only(cellsWith(run, "withScripts.showDiscovery()")).outputs)));
    const elimination = rows(withScripts, "elimination");
    expect(withStatus(elimination, "phantom").sort()).toEqual([...PHANTOMS].sort());
    expect(withStatus(elimination, "error")).toEqual(["XGBoostModelEval_calibration"]);
    expect(withStatus(elimination, "script")).toHaveLength(6);
    const req = htmlOf(only(displays(only(cellsWith(run, 'withScripts.showRequirements("TabularPreprocessing_training")')).outputs)));
    expect(req).toMatch(/<td>LABEL_FIELD<\/td><td>no<\/td><td><code>is_abuse<\/code><\/td><td><span data-cl-source="env.LABEL_FIELD">config:label_name</);
    expect(req).toMatch(/<td>TRAIN_RATIO<\/td><td>no<\/td><td><code>0.7<\/code>/);
    expect(req).toMatch(/<td>--job_type<\/td><td>no<\/td><td><code>training<\/code>/);
  },
};

const notebooks = readdirSync(join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();
const outDir = join(artifactsDir(), "notebooks");
const timings: Record<string, Executed["summary"]> = {};
const { dir: workspace, cleanup } = tempDir("cursus-lab-notebooks-");

describe("demo notebooks, executed headlessly by Debian's Jupyter with the tslab kernel", () => {
  beforeAll(registerKernel);
  afterAll(() => {
    writeFileSync(join(outDir, "timings.json"), `${JSON.stringify(timings, null, 2)}\n`);
  });

  it("covers every notebook in notebooks/", () => {
    expect(notebooks).toEqual(Object.keys(checks).sort());
  });

  for (const notebook of notebooks) {
    it(`${notebook}: every cell runs and the outputs show what the notebook is about`, async () => {
      // Each export runs in an empty workspace of its own; this one is kept for the checks.
      const run = await executeNotebook(`notebooks/${notebook}`, outDir, {}, ["--workspace", join(workspace, notebook)]);
      timings[notebook] = run.summary;
      expectNoFailedCell(run, notebook);
      checks[notebook]?.(run);
    }, 300_000);
  }
});

const sourceOfFirstMarkdown = (name: string): string => {
  const cells = (JSON.parse(readFileSync(join(root, "notebooks", `${name}.ipynb`), "utf8")) as { cells: Cell[] }).cells;
  return sourceOf(cells.find((c) => c.cell_type === "markdown")!);
};

describe("exported HTML of the executed notebooks, in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => void (browser = await launchChromium()));
  afterAll(async () => {
    await browser?.close();
    cleanup();
  });

  /** Every request but the page itself is blocked and counted: a published export must need none. */
  const blocked = new Map<string, string[]>();
  async function openExport(name: string) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const url = `file://${join(outDir, `${name}.html`)}`;
    const seen: string[] = [];
    blocked.set(name, seen);
    page.on("request", (request) => {
      if (request.url() !== url && !request.url().startsWith("data:")) seen.push(request.url());
    });
    await page.route(/^(?!data:)/, (route) => (route.request().url() === url ? route.continue() : route.abort()));
    await page.goto(url);
    await page.waitForLoadState("load");
    return page;
  }

  for (const name of notebooks.map((n) => n.replace(/\.ipynb$/, ""))) {
    it(`${name}: titled by its first heading, no request, no machine path`, async () => {
      const html = readFileSync(join(outDir, `${name}.html`), "utf8");
      const heading = /^# (.+)$/m.exec(sourceOfFirstMarkdown(name))![1]!.replace(/`/g, "");
      const title = /<title>([^<]*)<\/title>/.exec(html)?.[1]?.replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, "&");
      expect(title).toBe(heading);
      expect(html).not.toContain("file://");
      expect(html).not.toContain(root);
      expect(html).not.toContain(workspace);
      const page = await openExport(name);
      expect(blocked.get(name)).toEqual([]);
      await page.close();
    });
  }

  it("04: tables fit their column: long reasons and paths wrap", async () => {
    const page = await openExport("04-cursus-fixtures");
    const overflowing = await page.locator('[data-cl-view] table').evaluateAll((tables) =>
      tables.flatMap((t) => {
        const column = t.closest(".jp-OutputArea-output, .output_subarea, .jp-RenderedHTMLCommon") ?? t.parentElement!;
        return t.getBoundingClientRect().right > column.getBoundingClientRect().right + 1 ? [t.getAttribute("data-cl-table") ?? "table"] : [];
      }),
    );
    expect(overflowing).toEqual([]);
    await page.screenshot({ path: join(artifactsDir(), "notebook-export-04-cursus-fixtures.png"), fullPage: true });
    await page.close();
  });

  it("shows the run's progress, results tables and charts as drawn SVG", async () => {
    const page = await openExport("03-run");
    const results = page.locator('[data-cl-table="results"]');
    expect(await results.count()).toBe(3);
    await results.first().scrollIntoViewIfNeeded();
    expect(await results.first().isVisible()).toBe(true);
    const statuses = await results.first().locator("tbody tr td:nth-child(2)").allInnerTexts();
    expect(statuses).toEqual(SCRIPT_NODES.map(() => "succeeded"));
    const charts = page.locator("figure[data-cl-chart] svg.marks");
    expect(await charts.count()).toBe(12);
    for (const chart of await charts.all()) {
      const box = await chart.boundingBox();
      expect(box!.width).toBeGreaterThan(200);
      expect(box!.height).toBeGreaterThan(50);
    }
    expect(await page.locator('figure[data-cl-chart="timing"] svg text', { hasText: "TabularPreprocessing_training" }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifactsDir(), "notebook-export-03-run.png"), fullPage: true });
    await page.close();
  });

  it("shows the discovery summary and the phantom table", async () => {
    const page = await openExport("01-discovery");
    const table = page.locator('[data-cl-table="elimination"]');
    expect(await table.isVisible()).toBe(true);
    expect(await table.locator("tr.cl-row-phantom td:first-child").allInnerTexts()).toEqual(PHANTOMS);
    await page.screenshot({ path: join(artifactsDir(), "notebook-export-01-discovery.png"), fullPage: true });
    await page.close();
  });
});
