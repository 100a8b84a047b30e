import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import { ProblemsError } from "../../src/errors.js";
import { demoConfig, demoDag, XGBOOST_DAG } from "../helpers/fixtures.js";

describe("factory.plan()", () => {
  const workspace = mkdtempSync(join(tmpdir(), "cursus-lab-factory-plan-"));

  it("gives the stable plan shape, every node with every field, and starts no script", async () => {
    const plan = await createFactory({ dag: demoDag, config: demoConfig, workspace }).plan();
    expect(plan.canRun).toBe(true);
    expect(plan.config).toBe(demoConfig);
    for (const node of plan.nodes) {
      expect(Object.keys(node).sort()).toEqual(["args", "decision", "entry", "env", "fingerprint", "inputs", "name", "outputs", "reason", "scriptPath", "stepType", "wires"]);
    }
    const prep = plan.nodes.find((n) => n.name === "TabularPreprocessing_training")!;
    expect(prep.inputs.find((i) => i.logicalName === "DATA")).toMatchObject({ source: "user", required: true, containerPath: "/opt/ml/processing/input/data", from: null });
    expect(prep.args).toEqual([{ flag: "--job_type", value: "training", source: "config:job_type" }]);
    const train = plan.nodes.find((n) => n.name === "XGBoostTraining")!;
    expect(train.inputs.find((i) => i.logicalName === "input_path")!.from).toEqual({ node: "TabularPreprocessing_training", output: "processed_data" });
  });

  it("honours the selection and the overrides, as a run would", async () => {
    const factory = createFactory({ dag: demoDag, config: demoConfig, workspace });
    factory.configureScriptTesting("ModelCalibration_calibration", { env: { CALIBRATION_METHOD: "platt" } });
    const plan = await factory.plan({ only: ["ModelCalibration_calibration"] });
    expect(plan.nodes.map((n) => n.name)).toEqual(["ModelCalibration_calibration"]);
    expect(plan.nodes[0]!.env.find((e) => e.name === "CALIBRATION_METHOD")).toEqual({ name: "CALIBRATION_METHOD", value: "platt", source: "override" });
  });
});

describe("createFactory({dag}) without a config", () => {
  it("discovers from node names, and refuses to run", async () => {
    const factory = createFactory({ dag: XGBOOST_DAG, workspace: mkdtempSync(join(tmpdir(), "cursus-lab-dag-only-")) });
    expect(factory.config).toBeUndefined();
    expect(factory.discovery.summary).toEqual({ dagNodes: 10, scriptNodes: 0, phantoms: 3, errors: 0, unverified: 7 });
    expect(factory.discovery.warnings).toHaveLength(1);
    expect(factory.getTestingFactorySummary().config).toBe("(none: DAG-only)");
    await expect(factory.executeDagGuidedTesting()).rejects.toMatchObject({ code: "CONFIG_REQUIRED" });
  });
});

describe("numbers given in code", () => {
  it("refuses a value a JS number cannot hold exactly, naming the field", () => {
    const factory = createFactory({ dag: demoDag, config: demoConfig, workspace: mkdtempSync(join(tmpdir(), "cursus-lab-numbers-")) });
    let error: unknown;
    try {
      factory.configureScriptTesting("TabularPreprocessing_training", { env: { TRAIN_RATIO: 2 ** 64, TEST_VAL_RATIO: Infinity } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProblemsError);
    const problems = (error as ProblemsError).problems;
    expect(problems.map((p) => p.field)).toEqual(["env.TRAIN_RATIO", "env.TEST_VAL_RATIO"]);
    expect(problems[0]!.message).toContain("is a number JavaScript cannot hold exactly");
    expect(factory.getScriptSpec("TabularPreprocessing_training").spec.env["TRAIN_RATIO"]!.value).toBe("0.7");
  });

  it("keeps a 20-digit integer given as a string", () => {
    const factory = createFactory({ dag: demoDag, config: demoConfig, workspace: mkdtempSync(join(tmpdir(), "cursus-lab-numbers-")) });
    expect(factory.configureScriptTesting("TabularPreprocessing_training", { env: { TRAIN_RATIO: "12345678901234567891" } }).env["TRAIN_RATIO"]!.value).toBe("12345678901234567891");
  });
});
