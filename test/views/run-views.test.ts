import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "vega-lite";
import { createFactory } from "../../src/factory/testing-factory.js";
import type { RunRecord } from "../../src/results/run-record.js";
import type { RunEvent } from "../../src/engine/run-events.js";
import { chartBundle, runChartBundles } from "../../src/views/chart-bundle.js";
import { runCharts } from "../../src/views/run-charts.js";
import { applyRunEvent, initialProgress, progressBundle, type RunProgress } from "../../src/views/run-progress.js";
import { runResultsBundle } from "../../src/views/run-results-view.js";
import { demoConfig, demoDag, tempDir } from "../kernel/project.js";
import { DEMO_SCRIPT_NODES as SCRIPT_NODES } from "../helpers/fixtures.js";


interface Observed {
  record: RunRecord;
  /** The progress state after each event, as the notebook's live display redraws it. */
  states: RunProgress[];
}

async function observedRun(run: (observer: (event: RunEvent) => void) => Promise<RunRecord>): Promise<Observed> {
  const states: RunProgress[] = [];
  let state = initialProgress;
  const record = await run((event) => {
    state = applyRunEvent(state, event);
    states.push(state);
  });
  return { record, states };
}

const statusOf = (state: RunProgress): Record<string, string> => Object.fromEntries(state.nodes.map((n) => [n.node, n.status]));

/** Real runs of the demo pipeline: all new, then a calibration that fails (its dependant is skipped, the rest reused). */
describe("run views on real runs of the demo pipeline", () => {
  const { dir: workspace, cleanup } = tempDir("cursus-lab-run-views-");
  let fresh: Observed;
  let broken: Observed;

  beforeAll(async () => {
    const factory = createFactory({ dag: demoDag, config: demoConfig, workspace });
    fresh = await observedRun((observer) => factory.executeDagGuidedTesting({ jobs: 2 }, observer));
    factory.configureScriptTesting("ModelCalibration_calibration", { env: { CALIBRATION_METHOD: "no-such-method" } });
    broken = await observedRun((observer) => factory.executeDagGuidedTesting({ jobs: 2 }, observer));
  }, 180_000);
  afterAll(cleanup);

  it("folds runner events into live progress: pending, then running, then each node's outcome", () => {
    const first = fresh.states[0]!;
    expect(first.nodes.map((n) => n.node).sort()).toEqual([...SCRIPT_NODES].sort());
    expect(Object.values(statusOf(first))).toEqual(SCRIPT_NODES.map(() => "pending"));
    expect(fresh.states.some((s) => s.nodes.some((n) => n.status === "running"))).toBe(true);
    const last = fresh.states.at(-1)!;
    expect(last.finished).toBe("succeeded");
    expect(Object.values(statusOf(last))).toEqual(SCRIPT_NODES.map(() => "succeeded"));

    const end = statusOf(broken.states.at(-1)!);
    expect(end).toMatchObject({ ModelCalibration_calibration: "failed", Package: "skipped", XGBoostTraining: "cached", Payload: "cached" });
    const html = progressBundle(broken.states.at(-1)!)["text/html"];
    expect(html).toMatch(/<td>Package<\/td><td><span class="cl-badge cl-skipped">skipped<\/span><\/td><td><\/td><td>not run: ancestor ModelCalibration_calibration failed<\/td>/);
    expect(progressBundle(broken.states.at(-1)!)["text/plain"]).toMatch(/ModelCalibration_calibration\s+│ failed/);
  });

  it("tabulates the results: status, cache decision, outputs with sizes and rows", () => {
    const bundle = runResultsBundle(fresh.record);
    const rows = [...bundle["text/html"].matchAll(/<tr class="cl-row-(\w+)"><td>([^<]+)<\/td>/g)].map((m) => [m[2], m[1]]);
    expect(rows).toEqual(fresh.record.nodes.map((n) => [n.name, "succeeded"]));
    expect(bundle["text/html"]).toMatch(/processed_data: 3 files, [\d.]+ KB, \d+ rows/);
    expect(bundle["text/plain"]).toContain(`run ${fresh.record.runId} succeeded`);

    const failed = runResultsBundle(broken.record)["text/html"];
    expect(failed).toContain("CALIBRATION_METHOD &#39;no-such-method&#39; is not supported here");
    expect(failed).toMatch(/class="cl-row-skipped"><td>Package<\/td>/);
  });

  it("builds Vega-Lite charts of timing (start/end), durations and outputs from the record", () => {
    const [timing, durations, outputs] = runCharts(fresh.record);
    expect(timing!.rows.map((r) => r["node"]).sort()).toEqual([...SCRIPT_NODES].sort());
    for (const row of timing!.rows) expect(Number(row["end"])).toBeGreaterThanOrEqual(Number(row["start"]));
    // Parents start after their parents end: the Gantt shows the DAG order.
    const at = new Map(timing!.rows.map((r) => [r["node"], r]));
    expect(Number(at.get("XGBoostTraining")!["start"])).toBeGreaterThanOrEqual(Number(at.get("TabularPreprocessing_training")!["end"]));
    expect(durations!.rows).toHaveLength(7);
    expect(outputs!.rows.find((r) => r["output"] === "TabularPreprocessing_training.processed_data")!["rows"]).toBeGreaterThan(100);
    for (const chart of runCharts(fresh.record)) expect(() => compile(chart.spec)).not.toThrow();
    // A skipped node has no timing to draw.
    expect(runCharts(broken.record)[0]!.rows.map((r) => r["node"])).not.toContain("Package");
  });

  it("renders each chart as a bundle with the spec and a vega-drawn SVG that names every node", async () => {
    const bundles = await runChartBundles(fresh.record);
    expect(bundles).toHaveLength(4);
    for (const bundle of bundles) {
      // What an untrusted front end keeps once it strips text/html and SVG: a PNG that decodes.
      const png = Buffer.from(bundle["image/png"]!, "base64");
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.readUInt32BE(16)).toBeGreaterThan(200);
      expect(bundle["application/vnd.vegalite.v5+json"]?.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
      expect(bundle["text/html"]).toMatch(/<svg [^>]*class="marks"/);
    }
    const gantt = bundles[0]!["text/html"];
    for (const node of SCRIPT_NODES) expect(gantt).toContain(`>${node}</text>`);
    // Long output names are drawn whole, not cut with an ellipsis.
    expect(bundles[2]!["text/html"]).toContain(">ModelCalibration_calibration.calibration_output</text>");
    expect(bundles[2]!["text/html"]).not.toContain("…</text>");
    // One bar per node (vega draws rect marks as paths with this role).
    const timing = runCharts(fresh.record)[0]!;
    const svg = (await chartBundle(timing))["text/html"];
    expect(svg.match(/<path [^>]*aria-roledescription="bar"/g)).toHaveLength(7);
  });

  it("draws reused nodes with the duration of the run that produced them, marked cached", () => {
    const reused = {
      ...broken.record,
      nodes: broken.record.nodes.map((n) => (n.cache === "hit" ? { ...n, reused: { runId: fresh.record.runId, startedAt: fresh.record.startedAt, finishedAt: fresh.record.finishedAt, durationMs: 4321 } } : n)),
    } as RunRecord;
    const [timing, durations] = runCharts(reused);
    const row = timing!.rows.find((r) => r["node"] === "XGBoostTraining")!;
    expect(row).toMatchObject({ status: "cached", duration: 4.321, reused_from: fresh.record.runId });
    expect(Number(row["end"]) - Number(row["start"])).toBeCloseTo(4.321, 2);
    expect(durations!.rows.find((r) => r["node"] === "XGBoostTraining")).toMatchObject({ seconds: 4.321 });
  });
});
