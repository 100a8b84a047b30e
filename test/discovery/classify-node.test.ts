import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../src/catalog/step-catalog.js";
import { parseConfig } from "../../src/config/load-config.js";
import { classifyNode } from "../../src/discovery/classify-node.js";
import type { NodeDiscovery } from "../../src/discovery/node-discovery.js";
import { testFixture, xgboostScriptsDir } from "../helpers/fixtures.js";

const catalog = buildCatalog();

/** Classifies `node` against a one-file config; scripts are looked for in the xgboost scripts fixture. */
function classify(node: string, specific: Record<string, Record<string, unknown>>, shared: Record<string, unknown> = {}, scriptsDirs = [xgboostScriptsDir]): NodeDiscovery {
  const config = parseConfig({ configuration: { shared, specific } }, "classify.json", "/nowhere");
  return classifyNode(node, { config, catalog, projectRoot: "/nowhere", scriptsDirs });
}

describe("classifyNode: phantoms", () => {
  it("a block with no entry point is a phantom (no-entry-point), naming the managed job", () => {
    const node = classify("CradleDataLoading_training", { CradleDataLoading_training: { __model_type__: "CradleDataLoadingConfig", job_type: "training" } });
    expect(node).toMatchObject({ status: "phantom", reasonCode: "no-entry-point", stepType: "CradleDataLoading", sagemakerStepType: "CradleDataLoading" });
    if (node.status === "phantom") expect(node.reason).toContain("managed SageMaker CradleDataLoading job");
  });

  it("a Processing block with no entry point is a phantom too, without the managed-job clause", () => {
    const node = classify("Package", { Package: { __model_type__: "PackageConfig" } });
    expect(node).toMatchObject({ status: "phantom", reasonCode: "no-entry-point" });
    if (node.status === "phantom") expect(node.reason).not.toContain("managed");
  });

  it("Registration runs no local script: its inference_entry_point is a serving handler (runs-no-local-script)", () => {
    const node = classify("Registration", { Registration: { __model_type__: "RegistrationConfig", inference_entry_point: "xgboost_inference.py" } });
    expect(node).toMatchObject({ status: "phantom", reasonCode: "runs-no-local-script", entryPoint: "xgboost_inference.py", sagemakerStepType: "MimsModelRegistrationProcessing" });
    if (node.status === "phantom") expect(node.reason).toContain("model-serving handler");
  });

  it("a non-script SageMaker step type with a processing_entry_point still runs no local script", () => {
    const node = classify("CradleDataLoading_training", {
      CradleDataLoading_training: { __model_type__: "CradleDataLoadingConfig", processing_entry_point: "tabular_preprocessing.py" },
    });
    expect(node).toMatchObject({ status: "phantom", reasonCode: "runs-no-local-script", entryPoint: "tabular_preprocessing.py" });
    if (node.status === "phantom") expect(node.reason).toContain("is run by that service");
  });

  it.each([
    { key: "Base", cls: "BasePipelineConfig" },
    { key: "Processing", cls: "ProcessingStepConfigBase" },
    { key: "Base", cls: undefined },
    { key: "Processing", cls: undefined },
  ])("a base block ($key, $cls) is a phantom (base-config) even with shared entry-point fields", ({ key, cls }) => {
    const node = classify(key, { [key]: cls === undefined ? {} : { __model_type__: cls } }, { processing_entry_point: "package.py" });
    expect(node).toMatchObject({ status: "phantom", reasonCode: "base-config", configKey: key });
  });
});

describe("classifyNode: script nodes and errors", () => {
  it("a Processing block whose script exists is a script node, with every path tried", () => {
    const node = classify("Package", { Package: { __model_type__: "PackageConfig", processing_entry_point: "package.py" } });
    expect(node).toMatchObject({
      status: "script",
      entryPoint: "package.py",
      entryPointField: "processing_entry_point",
      scriptPath: join(xgboostScriptsDir, "package.py"),
      pathsTried: [join(xgboostScriptsDir, "package.py")],
      interfaceOrigin: "builtin",
      warnings: [],
    });
  });

  it("a Training block reads training_entry_point", () => {
    const node = classify("XGBoostTraining", { XGBoostTraining: { __model_type__: "XGBoostTrainingConfig", training_entry_point: "xgboost_training.py" } });
    expect(node).toMatchObject({ status: "script", entryPointField: "training_entry_point", sagemakerStepType: "Training" });
  });

  it("looks in the config's source dirs before the scripts dirs", () => {
    const sourceDir = testFixture("interfaces-override");
    const node = classify(
      "CustomScoring",
      { CustomScoring: { processing_entry_point: "package.py", processing_source_dir: sourceDir } },
      {},
      [xgboostScriptsDir],
    );
    expect(node.status).toBe("script");
    if (node.status === "script") expect(node.pathsTried).toEqual([join(sourceDir, "package.py"), join(xgboostScriptsDir, "package.py")]);
  });

  it("a step type with no interface still runs when the config names a script, with a warning", () => {
    const node = classify("DummyTraining", { DummyTraining: { __model_type__: "DummyTrainingConfig", training_entry_point: "xgboost_training.py" } });
    expect(node).toMatchObject({ status: "script", sagemakerStepType: "Training" });
    if (node.status === "script") expect(node.warnings).toEqual([expect.stringContaining("no step interface for DummyTraining")]);
  });

  it("a loose config match is a script node with a note naming the block used", () => {
    const node = classify("XGBoostModelEval", {
      XGBoostModelEval_calibration: { __model_type__: "XGBoostModelEvalConfig", job_type: "calibration", processing_entry_point: "xgboost_model_evaluation.py" },
    });
    expect(node).toMatchObject({ status: "script", configKey: "XGBoostModelEval_calibration", configMatch: "step-type", jobType: "calibration" });
    if (node.status === "script") expect(node.warnings).toEqual([expect.stringContaining('uses config block "XGBoostModelEval_calibration"')]);
  });

  it("a declared script that is not found is an error (script-not-found), not a phantom", () => {
    const node = classify("Payload", { Payload: { __model_type__: "PayloadConfig", processing_entry_point: "no_such_payload.py", source_dir: "/opt/src" } }, {}, []);
    expect(node).toMatchObject({ status: "error", reasonCode: "script-not-found", entryPoint: "no_such_payload.py", pathsTried: ["/opt/src/no_such_payload.py"] });
    if (node.status === "error") {
      expect(node.reason).toContain("/opt/src/no_such_payload.py");
      expect(node.hint).toContain("scriptsDirs");
      expect(node.hint).not.toContain("--scripts-dir");
    }
  });

  it("names the CLI's flag in the hint when the CLI asks", () => {
    const specific = { Payload: { __model_type__: "PayloadConfig", processing_entry_point: "no_such_payload.py", source_dir: "/opt/src" } };
    const config = parseConfig({ configuration: { shared: {}, specific } }, "classify.json", "/nowhere");
    const node = classifyNode("Payload", { config, catalog, projectRoot: "/nowhere", scriptsDirs: [], caller: "cli" });
    if (node.status !== "error") throw new Error(`expected an error, got ${node.status}`);
    expect(node.hint).toContain("--scripts-dir");
  });

  it("a node with no config is an error (no-config) with suggestions and no config key", () => {
    const node = classify("Package_calibration", { Package: { __model_type__: "PackageConfig", processing_entry_point: "package.py" } });
    expect(node).toMatchObject({ status: "error", reasonCode: "no-config", suggestions: ["Package"] });
    expect(node.configKey).toBeUndefined();
    if (node.status === "error") expect(node.reason).toBe('no config block matches node "Package_calibration" (did you mean "Package"?)');
  });

  it("an ambiguous node is an error (ambiguous-config) listing the candidates", () => {
    const node = classify("TabularPreprocessing", {
      TabularPreprocessing_training: { __model_type__: "TabularPreprocessingConfig", job_type: "training", processing_entry_point: "tabular_preprocessing.py" },
      TabularPreprocessing_calibration: { __model_type__: "TabularPreprocessingConfig", job_type: "calibration", processing_entry_point: "tabular_preprocessing.py" },
    });
    expect(node).toMatchObject({ status: "error", reasonCode: "ambiguous-config", suggestions: ["TabularPreprocessing_training", "TabularPreprocessing_calibration"] });
    expect(node.configKey).toBeUndefined();
  });
});
