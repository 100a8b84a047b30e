import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { ProblemsError } from "../../src/errors.js";
import { createFactory, type TestingFactory } from "../../src/factory/testing-factory.js";
import { failure } from "../helpers/expect-error.js";
import { tempDir, testFixture, XGBOOST_CONFIG, XGBOOST_DAG, xgboostScriptsDir } from "../helpers/fixtures.js";

const { dir: tmp, cleanup } = tempDir();
afterAll(cleanup);
const trainingData = join(tmp, "data", "training");
const calibrationData = join(tmp, "data", "calibration");
mkdirSync(trainingData, { recursive: true });
mkdirSync(calibrationData, { recursive: true });
const workspace = join(tmp, "ws");

const xgboost = (): TestingFactory =>
  createFactory({ dag: XGBOOST_DAG, config: XGBOOST_CONFIG, scriptsDirs: [xgboostScriptsDir], settings: false, workspace });

const problemsOf = (fn: () => unknown): ProblemsError => failure(fn, ProblemsError);

const SCRIPT_NODES = [
  "TabularPreprocessing_training",
  "XGBoostTraining",
  "Payload",
  "TabularPreprocessing_calibration",
  "XGBoostModelEval_calibration",
  "ModelCalibration_calibration",
  "Package",
];

describe("createFactory", () => {
  it("loads from file paths", () => {
    const factory = xgboost();
    expect(factory.dag.source).toBe(XGBOOST_DAG);
    expect(factory.config?.source).toBe(XGBOOST_CONFIG);
    expect(factory.workspace).toBe(workspace);
    expect(factory.getScriptsRequiringTesting().map((n) => n.name)).toEqual(SCRIPT_NODES);
  });

  it("loads from parsed objects and finds the same nodes", () => {
    const dag: unknown = JSON.parse(readFileSync(XGBOOST_DAG, "utf8"));
    const config: unknown = JSON.parse(readFileSync(XGBOOST_CONFIG, "utf8"));
    const factory = createFactory({ dag, config, scriptsDirs: [xgboostScriptsDir], workspace });
    expect(factory.dag.source).toBe("<object>");
    expect(factory.config?.source).toBe("<object>");
    expect(factory.settings).toBeUndefined();
    // Relative source dirs are taken from the current folder instead of the config's, so only the paths tried differ.
    const essentials = (f: TestingFactory) => f.discovery.nodes.map((n) => [n.name, n.status, n.configKey, n.status === "script" ? n.scriptPath : n.reason.split("\n")[0]]);
    expect(essentials(factory)).toEqual(essentials(xgboost()));
    expect(factory.config?.baseDir).toBe(process.cwd());
  });

  it("takes user interface folders, recording the override", () => {
    const factory = createFactory({ dag: XGBOOST_DAG, config: XGBOOST_CONFIG, scriptsDirs: [xgboostScriptsDir], settings: false, workspace, interfacesDirs: [testFixture("interfaces-override")] });
    expect(factory.getTestingFactorySummary().interfaceOverrides).toEqual([
      {
        stepType: "TabularPreprocessing",
        file: join(testFixture("interfaces-override"), "tabular_preprocessing.step.yaml"),
        overrides: join(testFixture("..", ".."), "catalog", "tabular_preprocessing.step.yaml"),
      },
    ]);
    // The user's contract makes LABEL_FIELD required; the config still fills it.
    const label = factory.getScriptTestingRequirements("TabularPreprocessing_training").env.find((e) => e.name === "LABEL_FIELD");
    expect(label).toEqual({ name: "LABEL_FIELD", required: true, value: "is_abuse", source: "config:label_name" });
  });

  it("refuses requirements for an unknown node with a did-you-mean", () => {
    const error = failure(() => xgboost().getScriptTestingRequirements("TabularPreprocesing_training"));
    expect(error.code).toBe("UNKNOWN_NODE");
    expect(error.message).toContain('did you mean "TabularPreprocessing_training"');
  });

  it("refuses requirements for a phantom, giving its reason", () => {
    expect(() => xgboost().getScriptTestingRequirements("Registration")).toThrow(/"Registration" is not a script node \(phantom: Registration runs as a SageMaker/);
  });
});

describe("configureScriptTesting", () => {
  let factory: TestingFactory;
  beforeEach(() => {
    factory = xgboost();
  });

  it("checks the node as a whole: a required input with no data is a problem", () => {
    const error = problemsOf(() => factory.configureScriptTesting("TabularPreprocessing_training", { env: { LABEL_FIELD: "label" } }));
    expect(error.problems.map((p) => p.field)).toEqual(["inputs.DATA"]);
    expect(factory.getOverrides("TabularPreprocessing_training")).toEqual({});
  });

  it("merges key by key: later keys win, earlier keys stay", () => {
    factory.configureScriptTesting("TabularPreprocessing_training", { env: { LABEL_FIELD: "label", TRAIN_RATIO: 0.6 }, inputs: { DATA: trainingData } });
    factory.configureScriptTesting("TabularPreprocessing_training", { env: { TRAIN_RATIO: "0.5" } });
    const spec = factory.configureScriptTesting("TabularPreprocessing_training", { args: { "--job_type": "validation" } });
    expect(factory.getOverrides("TabularPreprocessing_training")).toEqual({
      inputs: { DATA: trainingData },
      env: { LABEL_FIELD: "label", TRAIN_RATIO: "0.5" },
      args: { "--job_type": "validation" },
    });
    expect(spec.env["LABEL_FIELD"]).toEqual({ value: "label", source: "override" });
    expect(spec.env["TRAIN_RATIO"]).toEqual({ value: "0.5", source: "override" });
    expect(spec.env["TEST_VAL_RATIO"]).toEqual({ value: "0.5", source: "config:test_val_ratio" });
    expect(spec.inputs["DATA"]).toMatchObject({ path: trainingData, source: "user" });
    expect(spec.args).toEqual([{ flag: "--job_type", dest: "job_type", value: "validation", source: "override" }]);
  });

  it("reports several problems in one error, each with a fix, and changes nothing", () => {
    factory.configureScriptTesting("TabularPreprocessing_training", { env: { LABEL_FIELD: "label" }, inputs: { DATA: trainingData } });
    const before = factory.getScriptSpec("TabularPreprocessing_training");
    const error = problemsOf(() =>
      factory.configureScriptTesting("TabularPreprocessing_training", {
        inputs: { DATA: join(tmp, "no-such-folder"), DAT: trainingData },
        outputs: { processed: join(tmp, "out") },
        env: { LABEL_FEILD: "x", TRAIN_RATIO: "0.9" },
        args: { "--job-typ": "x" },
      }),
    );
    expect(error.code).toBe("CONFIGURATION_INVALID");
    expect(error.message).toBe("TabularPreprocessing_training cannot be configured: 5 problems");
    expect(error.problems.map((p) => p.field).sort()).toEqual(["args.--job-typ", "env.LABEL_FEILD", "inputs.DAT", "inputs.DATA", "outputs.processed"].sort());
    for (const p of error.problems) {
      expect(p.node).toBe("TabularPreprocessing_training");
      expect(p.fix).not.toBe("");
    }
    expect(error.problems.find((p) => p.field === "inputs.DAT")!.fix).toContain('Did you mean "DATA"?');
    expect(error.problems.find((p) => p.field === "env.LABEL_FEILD")!.fix).toContain('Did you mean "LABEL_FIELD"?');
    expect(factory.getOverrides("TabularPreprocessing_training")).toEqual({ env: { LABEL_FIELD: "label" }, inputs: { DATA: trainingData } });
    expect(factory.getScriptSpec("TabularPreprocessing_training")).toEqual(before);
  });

  it("rejects overrides of the wrong shape as problems", () => {
    const error = problemsOf(() => factory.configureScriptTesting("Package", { environment: { A: "1" } } as never));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.fix).toContain("inputs?");
    expect(factory.getOverrides("Package")).toEqual({});
  });

  it("refuses to configure a phantom", () => {
    expect(() => factory.configureScriptTesting("CradleDataLoading_training", { env: { A: "1" } })).toThrow(/is not a script node/);
  });

  it("accepts env vars the contract does not list, unless they look like a typo of one it does", () => {
    const spec = factory.configureScriptTesting("Package", { env: { MY_OWN_FLAG: "1" } });
    expect(spec.env["MY_OWN_FLAG"]).toEqual({ value: "1", source: "override" });
  });
});

describe("pending configurations and the summary", () => {
  it("the data-loading phantoms leave the two TabularPreprocessing nodes pending on DATA", () => {
    const factory = xgboost();
    const pending = factory.getPendingScriptConfigurations();
    expect(pending.map((p) => p.node)).toEqual(["TabularPreprocessing_training", "TabularPreprocessing_calibration"]);
    for (const p of pending) {
      expect(p.problems).toHaveLength(1);
      expect(p.problems[0]).toMatchObject({ node: p.node, field: "inputs.DATA" });
      expect(p.problems[0]!.fix).toContain(`configureScriptTesting("${p.node}", {inputs: {DATA: PATH}})`);
    }
  });

  it("the summary lists phantoms with reasons, errors, pending and ready nodes", () => {
    const factory = xgboost();
    const summary = factory.getTestingFactorySummary();
    expect(summary.dagNodes).toBe(10);
    expect(summary.scriptNodes).toEqual(SCRIPT_NODES);
    expect(summary.phantoms.map((p) => p.node)).toEqual(["CradleDataLoading_training", "CradleDataLoading_calibration", "Registration"]);
    expect(summary.phantoms[2]!.reason).toContain("model-serving handler");
    expect(summary.errors).toEqual([]);
    expect(summary.pending.map((p) => p.node)).toEqual(["TabularPreprocessing_training", "TabularPreprocessing_calibration"]);
    expect(summary.readyForTesting).toEqual(["XGBoostTraining", "Payload", "XGBoostModelEval_calibration", "ModelCalibration_calibration", "Package"]);
  });

  it("configuring the data moves the nodes from pending to ready", () => {
    const factory = xgboost();
    factory.configureScriptTesting("TabularPreprocessing_training", { inputs: { DATA: trainingData } });
    expect(factory.getPendingScriptConfigurations().map((p) => p.node)).toEqual(["TabularPreprocessing_calibration"]);
    factory.configureScriptTesting("TabularPreprocessing_calibration", { inputs: { DATA: calibrationData } });
    const summary = factory.getTestingFactorySummary();
    expect(summary.pending).toEqual([]);
    expect(summary.readyForTesting).toEqual(SCRIPT_NODES);
  });

  it("without scripts the summary lists the 7 errors with their hints and nothing ready", () => {
    const factory = createFactory({ dag: XGBOOST_DAG, config: XGBOOST_CONFIG, settings: false, workspace });
    const summary = factory.getTestingFactorySummary();
    expect(summary.errors.map((e) => e.node).sort()).toEqual([...SCRIPT_NODES].sort());
    // The API's own words: a notebook or script user passes scriptsDirs, not a command-line flag.
    for (const e of summary.errors) expect(e.hint).toContain("scriptsDirs");
    expect(summary.scriptNodes).toEqual([]);
    expect(summary.readyForTesting).toEqual([]);
    expect(summary.pending).toEqual([]);
  });
});

describe("saving and loading configurations", () => {
  it("round-trips the overrides through a file", () => {
    const first = xgboost();
    first.configureScriptTesting("TabularPreprocessing_training", { inputs: { DATA: trainingData }, env: { LABEL_FIELD: "label" } });
    first.configureScriptTesting("TabularPreprocessing_calibration", { inputs: { DATA: calibrationData } });
    first.configureScriptTesting("XGBoostTraining", { env: { REGION: "EU" }, outputs: { model_output: join(tmp, "model") } });
    const file = join(tmp, "configurations.json");
    first.saveConfigurations(file);

    const saved = JSON.parse(readFileSync(file, "utf8")) as { format: string; version: number; dag: string; config: string; specs: Record<string, unknown> };
    expect(saved).toMatchObject({ format: "cursus-lab.configurations", version: 1, dag: XGBOOST_DAG, config: XGBOOST_CONFIG });
    expect(Object.keys(saved.specs)).toEqual(SCRIPT_NODES);

    const second = xgboost();
    second.loadConfigurations(file);
    for (const node of SCRIPT_NODES) {
      expect(second.getOverrides(node)).toEqual(first.getOverrides(node));
      expect(second.getScriptSpec(node)).toEqual(first.getScriptSpec(node));
    }
    expect(second.getPendingScriptConfigurations()).toEqual([]);
  });

  it("loading a file whose input paths are gone reports every problem and applies nothing", () => {
    const gone = join(tmp, "gone");
    mkdirSync(gone);
    const first = xgboost();
    first.configureScriptTesting("TabularPreprocessing_training", { inputs: { DATA: gone } });
    first.configureScriptTesting("TabularPreprocessing_calibration", { inputs: { DATA: gone }, env: { LABEL_FIELD: "y" } });
    const file = join(tmp, "gone.json");
    first.saveConfigurations(file);
    const text = readFileSync(file, "utf8").replaceAll(JSON.stringify(gone), JSON.stringify(join(tmp, "really-gone")));
    writeFileSync(file, text);

    const second = xgboost();
    const error = problemsOf(() => second.loadConfigurations(file));
    expect(error.problems.map((p) => `${p.node}:${p.field}`)).toEqual(["TabularPreprocessing_training:inputs.DATA", "TabularPreprocessing_calibration:inputs.DATA"]);
    expect(second.getOverrides("TabularPreprocessing_calibration")).toEqual({});
  });

  it("rejects a file that is not saved configurations, naming it", () => {
    const factory = xgboost();
    expect(() => factory.loadConfigurations(XGBOOST_DAG)).toThrow(`${XGBOOST_DAG} is not a saved configurations file`);
  });
});
