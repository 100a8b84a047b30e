import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runRecordSchema, type RunRecord } from "../../src/results/run-record.js";
import { cli } from "./toy-pipeline.js";
import { DEMO_SCRIPT_NODES as SCRIPT_NODES, demoDir as DEMO } from "../helpers/fixtures.js";


describe("the demo pipeline, tried as a new user would", () => {
  const workspace = mkdtempSync(join(tmpdir(), "cursus-lab-demo-"));
  const args = ["run", "--dag", join(DEMO, "pipeline.dag.json"), "--config", join(DEMO, "config.json"), "--workspace", workspace, "--json"];
  let first: RunRecord;

  it("runs every script node with real Python, wiring outputs to inputs", async () => {
    const result = await cli(args);
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    first = runRecordSchema.parse(JSON.parse(result.stdout));
    expect(first.nodes.map((n) => n.name).sort()).toEqual([...SCRIPT_NODES].sort());
    expect(first.nodes.every((n) => n.status === "succeeded" && n.cache === "miss")).toBe(true);
    expect(first.phantoms.map((p) => p.node).sort()).toEqual(["CradleDataLoading_calibration", "CradleDataLoading_training", "Registration"]);
    expect(first.wires).toContainEqual({ node: "XGBoostTraining", input: "input_path", fromNode: "TabularPreprocessing_training", fromOutput: "processed_data", kind: "alias", confidence: 0.9 });
    expect(first.wires).toContainEqual({ node: "XGBoostModelEval_calibration", input: "processed_data", fromNode: "TabularPreprocessing_calibration", fromOutput: "processed_data", kind: "name", confidence: 1 });
    const saved = runRecordSchema.parse(JSON.parse(readFileSync(join(first.runDir, "run.json"), "utf8")));
    expect(saved.runId).toBe(first.runId);
  });

  it("records output files with sizes and row counts, so dropped rows would show", () => {
    const prep = first.nodes.find((n) => n.name === "TabularPreprocessing_training")!;
    if (prep.status !== "succeeded") throw new Error("expected success");
    const processed = prep.outputs.find((o) => o.logicalName === "processed_data")!;
    expect(processed.files.map((f) => f.path).sort()).toEqual(["test/test_processed_data.csv", "train/train_processed_data.csv", "val/val_processed_data.csv"]);
    const rows = processed.files.reduce((sum, f) => sum + (f.rows ?? 0), 0);
    const sourceRows = readFileSync(join(DEMO, "data/training/data.csv"), "utf8").trim().split("\n").length - 1;
    expect(rows).toBe(sourceRows);
    const metrics = first.nodes.find((n) => n.name === "XGBoostModelEval_calibration")!;
    if (metrics.status !== "succeeded") throw new Error("expected success");
    const file = join(metrics.outputs.find((o) => o.logicalName === "metrics_output")!.path, "metrics.json");
    expect(JSON.parse(readFileSync(file, "utf8")).auc_roc).toBeGreaterThan(0.9);
  });

  it("reuses every node on a second run, and reruns only what an env change touches", async () => {
    const second = runRecordSchema.parse(JSON.parse((await cli(args)).stdout));
    expect(second.counts).toMatchObject({ succeeded: 7, cached: 7 });

    const changed = await cli([...args, "--env", "TabularPreprocessing_training.TRAIN_RATIO=0.6"]);
    expect(changed.exitCode).toBe(0);
    const third = runRecordSchema.parse(JSON.parse(changed.stdout));
    const reason = Object.fromEntries(third.nodes.map((n) => [n.name, `${n.cache}: ${n.cacheReason}`]));
    expect(reason["TabularPreprocessing_training"]).toBe("miss: env TRAIN_RATIO changed");
    expect(reason["XGBoostTraining"]).toBe("miss: input input_path changed");
    expect(reason["TabularPreprocessing_calibration"]).toMatch(/^hit: unchanged/);
  });
});

describe("the demo pipeline in both entry modes", () => {
  it("writes the same output files through the production entry and through main()", async () => {
    const fileCounts: Record<string, Record<string, string>> = {};
    for (const entry of ["script", "main"]) {
      const workspace = mkdtempSync(join(tmpdir(), `cursus-lab-demo-${entry}-`));
      const result = await cli(["run", "--dag", join(DEMO, "pipeline.dag.json"), "--config", join(DEMO, "config.json"), "--workspace", workspace, "--entry", entry, "--json"]);
      expect(result.exitCode, result.stderr).toBe(0);
      const record = runRecordSchema.parse(JSON.parse(result.stdout));
      expect(new Set(record.nodes.map((n) => n.entry))).toEqual(new Set([entry]));
      fileCounts[entry] = Object.fromEntries(
        record.nodes.flatMap((n) => (n.status === "succeeded" ? n.outputs.map((o) => [`${n.name}.${o.logicalName}`, String(o.fileCount)]) : [])),
      );
    }
    expect(fileCounts["main"]).toEqual(fileCounts["script"]);
  });
});
