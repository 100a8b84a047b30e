import { describe, expect, it } from "vitest";
import type { PlanReport } from "../../src/schedule/plan-report.js";
import { planText } from "../../src/views/plan-text.js";

const report: PlanReport = {
  dag: "p.dag.json",
  config: "c.json",
  canRun: false,
  nodes: [
    {
      name: "prep.v1",
      stepType: "TabularPreprocessing",
      decision: "blocked",
      reason: "prep.v1: input DATA is required and nothing feeds it",
      fingerprint: null,
      entry: null,
      scriptPath: "/s/prep.py",
      env: [{ name: "TRAIN_RATIO", value: "0.7", source: "config:train_ratio" }],
      args: [{ flag: "--job_type", value: "training", source: "config:job_type" }],
      inputs: [{ logicalName: "DATA", path: "/w/prep.v1/input/DATA", source: "default", required: true, containerPath: "/opt/ml/processing/input/data", from: null }],
      outputs: [{ logicalName: "processed_data", path: "/w/out", source: "default", required: true, containerPath: "/opt/ml/processing/output", from: null }],
      wires: [],
    },
    {
      name: "train",
      stepType: "XGBoostTraining",
      decision: "blocked",
      reason: "cannot run: ancestor prep.v1 is blocked",
      fingerprint: null,
      entry: null,
      scriptPath: null,
      env: [],
      args: [],
      inputs: [{ logicalName: "input_path", path: "/w/out", source: "upstream", required: true, containerPath: "/opt/ml/input/data", from: { node: "prep.v1", output: "processed_data" } }],
      outputs: [],
      wires: [{ input: "input_path", from: { node: "prep.v1", output: "processed_data" }, kind: "alias", confidence: 0.9 }],
    },
  ],
  phantoms: [{ node: "Load", reason: "runs as a managed job" }],
  problems: [{ node: "prep.v1", field: "inputs.DATA", message: "prep.v1: input DATA is required and nothing feeds it", fix: "Pass --input prep.v1.DATA=PATH." }],
  warnings: [],
};

describe("planText", () => {
  const text = planText(report, 100);

  it("has the decision table and a count line that says a run cannot start", () => {
    expect(text).toContain("│ prep.v1 ");
    expect(text).toContain("plan: 0 run, 0 reuse, 2 blocked; 1 phantom; a run cannot start (1 problem)");
  });

  it("lists each node's values with sources, wired inputs by their upstream output", () => {
    expect(text).toContain("prep.v1:\n  env TRAIN_RATIO=0.7 (config:train_ratio)\n  arg --job_type training (config:job_type)\n  in  DATA = /w/prep.v1/input/DATA (default)");
    expect(text).toContain("  in  input_path = /w/out (prep.v1.processed_data)");
    expect(text).toContain("  wire input_path <- prep.v1.processed_data (alias, 0.9)");
  });

  it("ends with the phantoms and the problems, each with its fix", () => {
    expect(text).toContain("phantom Load: runs as a managed job");
    expect(text.endsWith("problem: prep.v1: input DATA is required and nothing feeds it\n  fix: Pass --input prep.v1.DATA=PATH.")).toBe(true);
  });
});
