import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import { discoveryBundle } from "../../src/views/discovery-view.js";
import { cursusFixtures, demoConfig, demoDag, tempDir } from "../kernel/project.js";
import { expectGolden } from "./golden.js";

/** Rows of the elimination table as [node, status], read back from the HTML. */
function eliminationRows(html: string): [string, string][] {
  const table = /<table class="cl-table" data-cl-table="elimination">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? "";
  return [...table.matchAll(/<tr class="cl-row-(\w+)"><td>([^<]*)<\/td>/g)].map((m) => [m[2]!, m[1]!]);
}

describe("discovery view", () => {
  const { dir: workspace, cleanup } = tempDir("cursus-lab-views-");
  afterAll(cleanup);

  it("summarises the demo pipeline and lists its phantoms with their reasons", () => {
    const factory = createFactory({ dag: demoDag, config: demoConfig, workspace });
    const bundle = discoveryBundle(factory.getTestingFactorySummary(), factory.discovery);

    expect(bundle["text/plain"]).toContain("10 DAG nodes: 7 script nodes, 3 phantoms, 0 errors, 0 pending");
    const counts = Object.fromEntries([...bundle["text/html"].matchAll(/data-cl-count="([^"]+)">(\d+)</g)].map((m) => [m[1], Number(m[2])]));
    expect(counts).toEqual({ "DAG nodes": 10, "script nodes": 7, phantoms: 3, errors: 0, pending: 0 });

    const rows = eliminationRows(bundle["text/html"]);
    expect(rows.map(([node]) => node)).toEqual([...factory.dag.nodes]);
    expect(rows.filter(([, status]) => status === "phantom").map(([node]) => node)).toEqual([
      "CradleDataLoading_training",
      "CradleDataLoading_calibration",
      "Registration",
    ]);
    // Each phantom row carries its reason, so nothing is dropped silently.
    for (const phantom of factory.getTestingFactorySummary().phantoms) {
      expect(bundle["text/html"]).toContain(phantom.reason.replace(/"/g, "&quot;"));
    }
    expect(bundle["text/html"]).toContain("Every script node is ready for testing.");
  });

  it("shows discovery errors with what to do, and pending nodes with their fixes, on the real cursus fixtures", () => {
    const factory = createFactory({
      dag: join(cursusFixtures, "dags", "xgboost_complete_e2e.dag.json"),
      config: join(cursusFixtures, "configs", "config_NA_xgboost_AtoZ.json"),
      scriptsDirs: [join(demoDag, "..", "scripts")],
      workspace,
    });
    const bundle = discoveryBundle(factory.getTestingFactorySummary(), factory.discovery);
    const rows = eliminationRows(bundle["text/html"]);
    expect(rows.filter(([, s]) => s === "phantom").map(([n]) => n).sort()).toEqual(["CradleDataLoading_calibration", "CradleDataLoading_training", "Registration"]);
    expect(rows.filter(([, s]) => s === "error").map(([n]) => n)).toEqual(["XGBoostModelEval_calibration"]);
    expect(bundle["text/html"]).toMatch(/xgboost_model_evaluation\.py[\s\S]*<b>what to do:<\/b> Add the folder that holds xgboost_model_evaluation\.py to scriptsDirs/);
    const pending = factory.getPendingScriptConfigurations();
    expect(pending.length).toBeGreaterThan(0);
    for (const problem of pending.flatMap((p) => p.problems)) expect(bundle["text/plain"]).toContain(problem.message);
    expect(bundle["text/plain"]).toMatch(/10 DAG nodes: 6 script nodes, 3 phantoms, 1 errors, \d+ pending/);
  });

  it("escapes what comes from user files", () => {
    const factory = createFactory({ dag: demoDag, config: demoConfig, workspace });
    const summary = { ...factory.getTestingFactorySummary(), dag: "<img src=x onerror=alert(1)>.dag.json" };
    const html = discoveryBundle(summary, factory.discovery)["text/html"];
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;.dag.json");
  });
});

describe("discovery view golden files", () => {
  it("renders the demo pipeline's discovery the same way", () => {
    const { dir: workspace, cleanup } = tempDir("cursus-lab-views-");
    try {
      const factory = createFactory({ dag: demoDag, config: demoConfig, workspace });
      const bundle = discoveryBundle(factory.getTestingFactorySummary(), factory.discovery);
      expectGolden("discovery-demo.txt", bundle["text/plain"], { [workspace]: "<workspace>" });
      expectGolden("discovery-demo.html", bundle["text/html"], { [workspace]: "<workspace>" });
    } finally {
      cleanup();
    }
  });
});
