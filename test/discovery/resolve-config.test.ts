import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { resolveConfig } from "../../src/discovery/resolve-config.js";

/** Blocks keyed by config key; the class comes from the value (or none). */
const config = (blocks: Record<string, { cls?: string; fields?: Record<string, unknown> }>) =>
  parseConfig(
    {
      configuration: {
        shared: {},
        specific: Object.fromEntries(
          Object.entries(blocks).map(([key, b]) => [key, { ...(b.cls === undefined ? {} : { __model_type__: b.cls }), ...b.fields }]),
        ),
      },
    },
    "resolve.json",
    "/base",
  );

const XGBOOST_LIKE = config({
  Base: { cls: "BasePipelineConfig" },
  Processing: { cls: "ProcessingStepConfigBase" },
  CradleDataLoading_training: { cls: "CradleDataLoadingConfig", fields: { job_type: "training" } },
  CradleDataLoading_calibration: { cls: "CradleDataLoadingConfig", fields: { job_type: "calibration" } },
  TabularPreprocessing_training: { cls: "TabularPreprocessingConfig", fields: { job_type: "training" } },
  TabularPreprocessing_calibration: { cls: "TabularPreprocessingConfig", fields: { job_type: "calibration" } },
  XGBoostTraining: { cls: "XGBoostTrainingConfig" },
  XGBoostModelEval_calibration: { cls: "XGBoostModelEvalConfig", fields: { job_type: "calibration" } },
  ModelCalibration_calibration: { cls: "ModelCalibrationConfig", fields: { job_type: "calibration" } },
  Package: { cls: "PackageConfig" },
});

describe("resolveConfig: matches", () => {
  it.each([
    { name: "exact key", node: "TabularPreprocessing_training", key: "TabularPreprocessing_training", match: "exact" },
    { name: "exact key of a block without job type", node: "XGBoostTraining", key: "XGBoostTraining", match: "exact" },
    { name: "exact key of a base block (classified later)", node: "Processing", key: "Processing", match: "exact" },
    { name: "other case", node: "tabularpreprocessing_TRAINING", key: "TabularPreprocessing_training", match: "case-insensitive" },
    { name: "other case, no job type", node: "package", key: "Package", match: "case-insensitive" },
    { name: "the single block of its step type (node has no job type)", node: "XGBoostModelEval", key: "XGBoostModelEval_calibration", match: "step-type" },
    { name: "the single block of its step type and job type", node: "ModelCalibration", key: "ModelCalibration_calibration", match: "step-type" },
  ])("$name: $node -> $key", ({ node, key, match }) => {
    const result = resolveConfig(node, XGBOOST_LIKE);
    expect(result).toMatchObject({ found: true, match });
    if (result.found) expect(result.step.key).toBe(key);
  });

  it("matches on the block's job_type field when its key is spelled differently", () => {
    const cfg = config({ TabularPreprocessing_train: { cls: "TabularPreprocessingConfig", fields: { job_type: "training" } } });
    const result = resolveConfig("TabularPreprocessing_training", cfg);
    expect(result.found && result.step.key).toBe("TabularPreprocessing_train");
    expect(result.found && result.match).toBe("step-type");
  });

  it("uses the class name for the step type when the key says something else", () => {
    const cfg = config({ MyPrep: { cls: "TabularPreprocessingConfig" } });
    const result = resolveConfig("TabularPreprocessing", cfg);
    expect(result.found && result.step.key).toBe("MyPrep");
  });
});

describe("resolveConfig: no match", () => {
  it.each([
    {
      name: "a job type no block has",
      node: "ModelCalibration_validation",
      suggestions: ["ModelCalibration_calibration"],
    },
    {
      name: "a job type no block has, with several blocks of the step type (in file order)",
      node: "TabularPreprocessing_evaluation",
      suggestions: ["TabularPreprocessing_training", "TabularPreprocessing_calibration"],
    },
    {
      name: "a job type on a node whose only block has none",
      node: "XGBoostTraining_training",
      suggestions: ["XGBoostTraining", "CradleDataLoading_training"],
    },
    { name: "a step type the config does not have, with a near name", node: "PyTorchTraining", suggestions: ["XGBoostTraining"] },
    { name: "a step type the config does not have, nothing near", node: "BedrockPromptTemplateGeneration", suggestions: [] },
    { name: "a near-miss spelling", node: "Pakage", suggestions: ["Package"] },
  ])("$name ($node): did you mean $suggestions", ({ node, suggestions }) => {
    expect(resolveConfig(node, XGBOOST_LIKE)).toEqual({ found: false, ambiguous: [], suggestions });
  });

  it("several candidates of the same step type are ambiguous, all of them listed", () => {
    expect(resolveConfig("TabularPreprocessing", XGBOOST_LIKE)).toEqual({
      found: false,
      ambiguous: ["TabularPreprocessing_training", "TabularPreprocessing_calibration"],
      suggestions: ["TabularPreprocessing_training", "TabularPreprocessing_calibration"],
    });
  });

  it("two keys that differ only in case are ambiguous, not a coin toss", () => {
    const cfg = config({ Package: { cls: "PackageConfig" }, PACKAGE: { cls: "PackageConfig" } });
    const result = resolveConfig("package", cfg);
    expect(result.found).toBe(false);
    if (!result.found) expect([...result.ambiguous].sort()).toEqual(["PACKAGE", "Package"]);
  });

  it("never falls back to the first block of the file", () => {
    const cfg = config({ TabularPreprocessing_training: { cls: "TabularPreprocessingConfig" } });
    expect(resolveConfig("XGBoostTraining", cfg)).toEqual({ found: false, ambiguous: [], suggestions: [] });
  });

  it("never matches or suggests a base block by step type", () => {
    const result = resolveConfig("Bases", XGBOOST_LIKE);
    expect(result).toEqual({ found: false, ambiguous: [], suggestions: [] });
    const processing = resolveConfig("Processing_training", XGBOOST_LIKE);
    expect(processing.found).toBe(false);
    if (!processing.found) expect(processing.suggestions).not.toContain("Processing");
  });

  it("suggests at most three keys, same step type first", () => {
    const cfg = config({
      Packag: { cls: "OtherConfig" },
      Package_a: { cls: "PackageConfig", fields: { job_type: "a" } },
      Package_b: { cls: "PackageConfig", fields: { job_type: "b" } },
      Package_c: { cls: "PackageConfig", fields: { job_type: "c" } },
    });
    const result = resolveConfig("Package_z", cfg);
    expect(result).toEqual({ found: false, ambiguous: [], suggestions: ["Package_a", "Package_b", "Package_c"] });
  });
});
