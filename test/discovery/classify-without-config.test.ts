import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../src/catalog/step-catalog.js";
import { classifyWithoutConfig } from "../../src/discovery/classify-without-config.js";

const catalog = buildCatalog();

describe("classifyWithoutConfig: the node name and the catalog decide", () => {
  it.each([
    { node: "TabularPreprocessing_training", status: "unverified", stepType: "TabularPreprocessing", jobType: "training" },
    { node: "XGBoostTraining", status: "unverified", stepType: "XGBoostTraining", jobType: undefined },
    { node: "xgboosttraining", status: "unverified", stepType: "XGBoostTraining", jobType: undefined },
    { node: "CradleDataLoading_calibration", status: "phantom", stepType: "CradleDataLoading", jobType: "calibration" },
    { node: "Registration", status: "phantom", stepType: "Registration", jobType: undefined },
    { node: "Packge", status: "error", stepType: "Packge", jobType: undefined },
    { node: "Something_else", status: "error", stepType: "Something", jobType: "else" },
  ])("$node -> $status", ({ node, status, stepType, jobType }) => {
    const found = classifyWithoutConfig(node, catalog);
    expect(found.status).toBe(status);
    expect(found.stepType).toBe(stepType);
    expect(found.jobType).toBe(jobType);
  });

  it("suggests the nearest step types for an unknown one", () => {
    const found = classifyWithoutConfig("Packge", catalog);
    expect(found).toMatchObject({ status: "error", reasonCode: "unknown-step-type", suggestions: ["Package"] });
  });

  it("names the SageMaker step type of a phantom", () => {
    expect(classifyWithoutConfig("Registration", catalog)).toMatchObject({ reasonCode: "step-type-runs-no-script", sagemakerStepType: "MimsModelRegistrationProcessing" });
  });
});
