import { describe, expect, it } from "vitest";
import { nearNames } from "../src/near-names.js";

const NODES = ["TabularPreprocessing_training", "TabularPreprocessing_calibration", "CradleDataLoading_training", "XGBoostTraining", "Package", "Payload"];

describe("nearNames", () => {
  it.each([
    ["a dropped letter", "TabularPreprocesing_training", ["TabularPreprocessing_training"]],
    ["another case", "xgboosttraining", ["XGBoostTraining"]],
    ["swapped letters", "Paylaod", ["Payload"]],
    ["a name unlike any node", "Nope", []],
    ["a short unrelated name", "A", []],
  ])("suggests for %s", (_case, name, expected) => {
    expect(nearNames(name, NODES)).toEqual(expected);
  });

  it("lists names about as near, nearest first, up to the limit asked for", () => {
    const steps = ["Eval_calibration", "Eval_validation", "Eval_test"];
    expect(nearNames("Eval_calibraton", steps)).toEqual(["Eval_calibration"]);
    expect(nearNames("Eval_tst", steps)).toEqual(["Eval_test"]);
    expect(nearNames("Step_b", ["Step_a", "Step_c", "Step_d"])).toEqual(["Step_a", "Step_c", "Step_d"]);
    expect(nearNames("Step_b", ["Step_a", "Step_c", "Step_d"], 1)).toEqual(["Step_a"]);
  });
});
