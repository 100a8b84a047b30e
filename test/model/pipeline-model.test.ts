import { describe, expect, it } from "vitest";
import { defaultPython } from "../../src/engine/check-python.js";
import { ProblemsError } from "../../src/errors.js";
import { PipelineModel } from "../../src/model/pipeline-model.js";
import { createFactory } from "../../src/factory/testing-factory.js";
import { demoConfig, demoDag } from "../helpers/fixtures.js";

const load = () => PipelineModel.load({ dag: demoDag, config: demoConfig, workspace: "/tmp/cursus-lab-model-ws" }, defaultPython);

describe("the pipeline model", () => {
  it("is immutable: withOverrides returns another version and leaves this one's specs as they were", () => {
    const first = load();
    const second = first.withOverrides("ModelCalibration_calibration", { env: { CALIBRATION_METHOD: "platt" } });
    expect(second).not.toBe(first);
    expect(first.spec("ModelCalibration_calibration").spec.env["CALIBRATION_METHOD"]).toMatchObject({ value: "isotonic" });
    expect(second.spec("ModelCalibration_calibration").spec.env["CALIBRATION_METHOD"]).toEqual({ value: "platt", source: "override" });
    // Switching back is a version of its own with the first one's values.
    const back = second.withOverrides("ModelCalibration_calibration", { env: { CALIBRATION_METHOD: "isotonic" } });
    expect(back.spec("ModelCalibration_calibration").spec.env["CALIBRATION_METHOD"]?.value).toBe("isotonic");
    expect(second.spec("ModelCalibration_calibration").spec.env["CALIBRATION_METHOD"]?.value).toBe("platt");
  });

  it("gives each input its source and, when wired, the upstream output it reads", () => {
    const spec = load().spec("XGBoostModelEval_calibration").spec;
    expect(spec.inputs["model_input"]).toMatchObject({ source: "upstream", from: { node: "XGBoostTraining", output: "model_output" } });
  });

  it("takes the later of two overrides of one argument, whether each names its flag or its dest", () => {
    const node = "TabularPreprocessing_training";
    const byFlag = load().withOverrides(node, { args: { "--job_type": "validation" } });
    const thenDest = byFlag.withOverrides(node, { args: { job_type: "testing" } });
    expect(thenDest.spec(node).spec.args).toEqual([{ flag: "--job_type", dest: "job_type", value: "testing", source: "override" }]);
    const thenFlag = thenDest.withOverrides(node, { args: { "--job_type": "calibration" } });
    expect(thenFlag.spec(node).spec.args[0]?.value).toBe("calibration");
    expect(thenFlag.overridesOf(node).args).toEqual({ "--job_type": "calibration" });
  });

  it("refuses one argument given twice in one override, by its flag and by its dest", () => {
    const node = "TabularPreprocessing_training";
    let thrown: unknown;
    try {
      load().withOverrides(node, { args: { "--job_type": "validation", job_type: "testing" } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProblemsError);
    expect((thrown as ProblemsError).problems).toEqual([
      expect.objectContaining({ node, field: "args.--job_type", message: `${node}: --job_type is given twice, as --job_type=validation and as job_type=testing` }),
    ]);
  });

  it("keeps a version unchanged when an override has problems", () => {
    const model = load();
    expect(() => model.withOverrides("ModelCalibration_calibration", { env: { CALIBRATON_METHOD: "platt" } })).toThrow(/cannot be configured/);
    expect(model.overridesOf("ModelCalibration_calibration")).toEqual({});
  });

  it("is what the factory facade holds: each configure call moves the facade to the next version", () => {
    const factory = createFactory({ dag: demoDag, config: demoConfig, workspace: "/tmp/cursus-lab-model-ws" });
    const before = factory.model;
    factory.configureScriptTesting("ModelCalibration_calibration", { env: { CALIBRATION_METHOD: "platt" } });
    expect(factory.model).not.toBe(before);
    expect(before.spec("ModelCalibration_calibration").spec.env["CALIBRATION_METHOD"]?.value).toBe("isotonic");
  });
});
