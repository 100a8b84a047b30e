import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { stepInterfaceSchema, type StepContract } from "../../src/catalog/step-interface-schema.js";
import type { ConfigFields } from "../../src/config/pipeline-config.js";
import type { ScriptNode } from "../../src/discovery/node-discovery.js";
import { createFactory } from "../../src/factory/testing-factory.js";
import { defaultLocalPath, deriveRequirements, type ScriptRequirements } from "../../src/specs/requirements.js";
import { argDest } from "../../src/specs/arg-dest.js";
import { XGBOOST_CONFIG, XGBOOST_DAG, xgboostScriptsDir } from "../helpers/fixtures.js";

const node: ScriptNode = {
  name: "Step_training",
  stepType: "Step",
  status: "script",
  entryPoint: "step.py",
  entryPointField: "processing_entry_point",
  scriptPath: "/scripts/step.py",
  pathsTried: ["/scripts/step.py"],
  warnings: [],
};

const contract = (raw: Record<string, unknown>): StepContract =>
  stepInterfaceSchema.parse({ step_type: "Step", registry: { sagemaker_step_type: "Processing" }, contract: raw }).contract;

const envOf = (req: ScriptRequirements, name: string) => req.env.find((e) => e.name === name);

describe("TabularPreprocessing_training on the real xgboost config", () => {
  const factory = createFactory({ dag: XGBOOST_DAG, config: XGBOOST_CONFIG, scriptsDirs: [xgboostScriptsDir], settings: false, workspace: "/tmp/cursus-lab-ws" });
  const req = factory.getScriptTestingRequirements("TabularPreprocessing_training");

  it("gets LABEL_FIELD=is_abuse from label_name", () => {
    expect(envOf(req, "LABEL_FIELD")).toEqual({ name: "LABEL_FIELD", required: false, value: "is_abuse", source: "config:label_name" });
  });

  it("gets TRAIN_RATIO=0.7 and TEST_VAL_RATIO=0.5 from the config, not the contract defaults", () => {
    expect(envOf(req, "TRAIN_RATIO")).toMatchObject({ value: "0.7", source: "config:train_ratio" });
    expect(envOf(req, "TEST_VAL_RATIO")).toMatchObject({ value: "0.5", source: "config:test_val_ratio" });
  });

  it("gets --job_type training", () => {
    expect(req.args).toEqual([{ flag: "--job_type", dest: "job_type", value: "training", source: "config:job_type" }]);
  });

  it("the calibration node gets --job_type calibration from its own block", () => {
    expect(factory.getScriptTestingRequirements("TabularPreprocessing_calibration").args[0]).toMatchObject({ value: "calibration" });
  });

  it("falls back to the contract's defaults for what the config does not set", () => {
    // TabularPreprocessingConfig computes OUTPUT_FORMAT itself, from its field default.
    expect(envOf(req, "OUTPUT_FORMAT")).toMatchObject({ value: "CSV", source: "computed:str(output_format, class default)", required: false });
  });

  it("maps every contract input and output to a folder under the workspace", () => {
    expect(req.scriptPath).toBe(join(xgboostScriptsDir, "tabular_preprocessing.py"));
    expect(req.inputs.map((i) => [i.logicalName, i.required, i.containerPath, i.defaultLocalPath])).toEqual([
      ["DATA", true, "/opt/ml/processing/input/data", "/tmp/cursus-lab-ws/TabularPreprocessing_training/input/DATA"],
      ["DATA_SECONDARY", false, "/opt/ml/processing/input/data_secondary", "/tmp/cursus-lab-ws/TabularPreprocessing_training/input/DATA_SECONDARY"],
      ["SIGNATURE", false, "/opt/ml/processing/input/signature", "/tmp/cursus-lab-ws/TabularPreprocessing_training/input/SIGNATURE"],
    ]);
    expect(req.outputs).toEqual([
      { logicalName: "processed_data", required: true, containerPath: "/opt/ml/processing/output", defaultLocalPath: "/tmp/cursus-lab-ws/TabularPreprocessing_training/output/processed_data" },
    ]);
  });
});

describe("deriveRequirements", () => {
  const derive = (fields: ConfigFields, raw: Record<string, unknown>): ScriptRequirements => deriveRequirements(node, fields, contract(raw), "/ws");

  it.each<{ name: string; fields: ConfigFields; env: string; value: string | undefined; source: string }>([
    { name: "the lower-cased field", fields: { train_ratio: 0.8 }, env: "TRAIN_RATIO", value: "0.8", source: "config:train_ratio" },
    { name: "label_field as LABEL_FIELD", fields: { label_field: "y" }, env: "LABEL_FIELD", value: "y", source: "config:label_field" },
    { name: "the field itself, no alias without a class table", fields: { label_field: "own", label_name: "alias" }, env: "LABEL_FIELD", value: "own", source: "config:label_field" },
    { name: "hyperparameters when the top level has nothing", fields: { hyperparameters: { eta: 0.3 } }, env: "ETA", value: "0.3", source: "config:hyperparameters.eta" },
    { name: "the top level before hyperparameters", fields: { eta: 0.1, hyperparameters: { eta: 0.3 } }, env: "ETA", value: "0.1", source: "config:eta" },
    { name: "hyperparameters only when the top level lacks the field", fields: { other: null, hyperparameters: { eta: 0.3 } }, env: "ETA", value: "0.3", source: "config:hyperparameters.eta" },
    { name: "a boolean, lower-case", fields: { optimize_memory: true }, env: "OPTIMIZE_MEMORY", value: "true", source: "config:optimize_memory" },
    { name: "a string list, comma-joined", fields: { cat_field_list: ["a", "b"] }, env: "CAT_FIELD_LIST", value: "a,b", source: "config:cat_field_list" },
    { name: "a dict, as JSON", fields: { label_map: { a: 0, b: 1 } }, env: "LABEL_MAP", value: '{"a": 0, "b": 1}', source: "config:label_map" },
  ])("takes an env var from $name", ({ fields, env, value, source }) => {
    const req = derive(fields, { env_vars: { required: [env] } });
    expect(envOf(req, env)).toEqual({ name: env, required: true, value, source });
  });

  it("a field the config sets to null is unset: no hyperparameters fallback, as cursus's resolver", () => {
    const req = derive({ eta: null, hyperparameters: { eta: 0.3 } }, { env_vars: { optional: { ETA: "0.1" } } });
    expect(envOf(req, "ETA")).toEqual({ name: "ETA", required: false, value: "0.1", source: "default" });
  });

  it("the config's env dict wins over everything, as the step builders apply it last", () => {
    const req = derive({ train_ratio: 0.7, env: { TRAIN_RATIO: "0.9" } }, { env_vars: { required: ["TRAIN_RATIO"] } });
    expect(envOf(req, "TRAIN_RATIO")).toEqual({ name: "TRAIN_RATIO", required: true, value: "0.9", source: "config:env.TRAIN_RATIO" });
  });

  it("uses the contract default for an optional var the config does not set", () => {
    const req = derive({}, { env_vars: { optional: { OUTPUT_FORMAT: "CSV", EMPTY: "" } } });
    expect(req.env).toEqual([
      { name: "OUTPUT_FORMAT", required: false, value: "CSV", source: "default" },
      { name: "EMPTY", required: false, value: "", source: "default" },
    ]);
  });

  it("reads numeric and boolean contract defaults as strings", () => {
    const req = derive({}, { env_vars: { optional: { BATCH_SIZE: 5, STREAM: false } } });
    expect(req.env.map((e) => e.value)).toEqual(["5", "false"]);
  });

  it("marks a required var with no value as missing", () => {
    const req = derive({ other: 1 }, { env_vars: { required: ["LABEL_FIELD", "MODEL_NAME"] } });
    expect(req.env).toEqual([
      { name: "LABEL_FIELD", required: true, value: undefined, source: "missing" },
      { name: "MODEL_NAME", required: true, value: undefined, source: "missing" },
    ]);
  });

  it("lists required vars first, and a var named both required and optional once, as required", () => {
    const req = derive({}, { env_vars: { required: ["B"], optional: { A: "1", B: "2" } } });
    expect(req.env.map((e) => [e.name, e.required, e.source])).toEqual([
      ["B", true, "missing"],
      ["A", false, "default"],
    ]);
  });

  it("takes job arguments from their source field, else the contract value, else leaves them missing", () => {
    const req = derive({ job_type: "calibration", n: 3 }, {
      job_arguments: [
        { flag: "--job_type", source: "job_type" },
        { flag: "--n-jobs", source: "n" },
        { flag: "--mode", source: "mode", value: "fast" },
        { flag: "--missing", source: "nothing" },
      ],
    });
    expect(req.args).toEqual([
      { flag: "--job_type", dest: "job_type", value: "calibration", source: "config:job_type" },
      { flag: "--n-jobs", dest: "n_jobs", value: "3", source: "config:n" },
      { flag: "--mode", dest: "mode", value: "fast", source: "default" },
      { flag: "--missing", dest: "missing", value: undefined, source: "missing" },
    ]);
  });

  it("with no contract: no inputs, outputs, env vars or arguments", () => {
    const req = deriveRequirements(node, { train_ratio: 0.7 }, undefined, "/ws");
    expect(req).toMatchObject({ node: "Step_training", stepType: "Step", scriptPath: "/scripts/step.py", inputs: [], outputs: [], env: [], args: [] });
  });

  it("treats an input with required: false as optional, and every output as required", () => {
    const req = derive({}, { inputs: { A: { path: "/opt/ml/processing/input/a", required: false }, B: { path: "/opt/ml/processing/input/b" } }, outputs: { out: { path: "/opt/ml/processing/output" } } });
    expect(req.inputs.map((i) => [i.logicalName, i.required])).toEqual([
      ["A", false],
      ["B", true],
    ]);
    expect(req.outputs[0]).toMatchObject({ logicalName: "out", required: true, defaultLocalPath: "/ws/Step_training/output/out" });
  });
});

describe("helpers", () => {
  it.each([
    ["--job_type", "job_type"],
    ["--job-type", "job_type"],
    ["-v", "v"],
  ])("argDest(%s) is %s", (flag, dest) => {
    expect(argDest(flag)).toBe(dest);
  });

  it("defaultLocalPath is <workspace>/<node>/<direction>/<logical>, absolute", () => {
    expect(defaultLocalPath("ws", "N", "input", "DATA")).toBe(resolve("ws", "N", "input", "DATA"));
  });
});
