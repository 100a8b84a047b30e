import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { RunRecord } from "../../src/results/run-record.js";
import { writeReport } from "../../src/report/write-report.js";
import { launchChromium } from "../widgets/browser.js";
import { artifactsDir, root, tempDir } from "../kernel/project.js";
import { BREAK_CALIBRATION, demoRun } from "./demo-runs.js";

function luminance(rgb: readonly number[]): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(fg: string, bg: string): number {
  const parse = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const [a, b] = [luminance(parse(fg)), luminance(parse(bg))].sort((x, y) => y - x);
  return (a! + 0.05) / (b! + 0.05);
}

/** Real demo runs: all fresh, then one with a broken calibration (its descendant skipped, the rest reused). */
describe("the report of real demo runs, in Chromium with the network blocked", () => {
  const { dir, cleanup } = tempDir("cursus-lab-report-");
  const workspace = join(dir, "ws");
  let fresh: RunRecord;
  let failed: RunRecord;
  let browser: Browser;
  const reports = { fresh: join(dir, "fresh.html"), failed: join(dir, "failed.html") };
  let writeMs = 0;

  beforeAll(async () => {
    fresh = demoRun(workspace);
    failed = demoRun(workspace, BREAK_CALIBRATION);
    // Warm the renderers once (module loading), as the CLI's single call includes it in its own figure.
    await writeReport(fresh, join(dir, "warm.html"), { projectRoot: root });
    const t0 = performance.now();
    await writeReport(fresh, reports.fresh, { projectRoot: root });
    writeMs = performance.now() - t0;
    await writeReport(failed, reports.failed, { projectRoot: root });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    cleanup();
  });

  it("is one file under 2 MB, written in under 1 s (bench)", () => {
    const bytes = readFileSync(reports.fresh).length;
    process.stdout.write(`report bench: ${bytes} bytes, written in ${writeMs.toFixed(0)} ms\n`);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    expect(writeMs).toBeLessThan(1000);
  });

  for (const scheme of ["light", "dark"] as const) {
    it(`opens with zero requests and zero console errors, readable in ${scheme}`, async () => {
      const page = await browser.newPage({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      const blocked: string[] = [];
      const errors: string[] = [];
      const own = `file://${reports.fresh}`;
      await page.route("**/*", (route) => (route.request().url() === own ? route.continue() : (blocked.push(route.request().url()), route.abort())));
      page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
      page.on("pageerror", (e) => void errors.push(e.message));
      await page.goto(own);
      await page.screenshot({ path: join(artifactsDir(), `report-${scheme}.png`), fullPage: true });
      expect(blocked).toEqual([]);
      expect(errors).toEqual([]);
      const colours = await page.evaluate(() => {
        const style = (el: Element): [string, string] => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor];
        const cell = document.querySelector('[data-cl-table="env"] td')!;
        return { body: style(document.body), cell: [getComputedStyle(cell).color, getComputedStyle(document.body).backgroundColor] };
      });
      expect(contrast(...colours.body)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colours.cell[0]!, colours.cell[1]!)).toBeGreaterThanOrEqual(4.5);
      if (scheme === "dark") expect(colours.body[1]).not.toBe("rgb(255, 255, 255)");
      const dagNodes = await page.locator("[data-cl-dag-node]").evaluateAll((els) => els.map((e) => e.getAttribute("data-cl-dag-node")));
      expect(dagNodes.sort()).toEqual(fresh.discovery!.map((d) => d.name).sort());
      expect(await page.locator('[data-cl-dag-node][data-cl-state="phantom"]').count()).toBe(fresh.phantoms.length);
      await page.close();
    });
  }

  it("shows every node with values and sources, wired inputs, outputs with a preview of CSV rows", () => {
    const html = readFileSync(reports.fresh, "utf8");
    expect(html.match(/<article class="cl-node/g)).toHaveLength(fresh.nodes.length);
    expect(html).toContain("config:label_name");
    expect(html).toMatch(/wired by (alias|name) match, confidence/);
    expect(html).toMatch(/data-cl-table="preview"/);
    expect(html).not.toContain(root);
    for (const chart of ["timing", "durations", "outputs", "rows"]) expect(html).toContain(`data-cl-chart="${chart}"`);
  });

  it("shows the failed node's tail, its skipped descendant with the cause, reused nodes with their earlier durations, and what changed", async () => {
    const html = readFileSync(reports.failed, "utf8");
    const page = await browser.newPage();
    await page.goto(`file://${reports.failed}`);
    const tail = await page.locator('[data-cl-node="ModelCalibration_calibration"] [data-cl-tail]').innerText();
    expect(tail).toContain("ValueError");
    expect(await page.locator('[data-cl-node="Package"] [data-cl-skipped-because="ModelCalibration_calibration"]').count()).toBe(1);
    expect(await page.locator('[data-cl-node="Package"]').getAttribute("data-cl-status")).toBe("skipped");
    const reused = await page.locator('[data-cl-node="XGBoostTraining"] .cl-facts').innerText();
    expect(reused).toContain(`in run ${fresh.runId}, reused here`);
    const changes = await page.locator('[data-cl-table="changes"]').innerText();
    expect(changes).toContain("CALIBRATION_METHOD");
    expect(changes).toContain("upstream ModelCalibration_calibration");
    await page.close();
    expect(html).toContain(`Compared with run ${fresh.runId}`);
  });

  it("redacts machine paths on request", async () => {
    const file = join(dir, "redacted.html");
    await writeReport(failed, file, { projectRoot: root, redactPaths: true });
    const html = readFileSync(file, "utf8");
    expect(html).not.toContain(workspace);
    expect(html).not.toContain(dir);
    expect(html).toContain("&lt;workspace&gt;/");
  });
});
