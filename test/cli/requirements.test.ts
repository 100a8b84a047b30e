import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir, XGBOOST_CONFIG, XGBOOST_DAG, xgboostScriptsDir } from "../helpers/fixtures.js";
import { runCli } from "../helpers/run-cli.js";

const pair = ["--dag", XGBOOST_DAG, "--config", XGBOOST_CONFIG, "--scripts-dir", xgboostScriptsDir];

interface RequirementsJson {
  node: string;
  stepType: string;
  scriptPath: string;
  inputs: { logicalName: string; required: boolean; containerPath: string; defaultLocalPath: string }[];
  outputs: { logicalName: string; defaultLocalPath: string }[];
  env: { name: string; required: boolean; value: string | null; source: string }[];
  args: { flag: string; value: string | null; source: string }[];
  wires: { node: string; input: string; fromNode: string; fromOutput: string; kind: string; confidence: number }[];
}

describe("cursus-lab requirements", () => {
  it("--json for TabularPreprocessing_training: env vars and job args with their sources", () => {
    const { dir, cleanup } = tempDir();
    try {
      const result = runCli(["requirements", "TabularPreprocessing_training", "--json", ...pair, "--workspace", dir]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const req = JSON.parse(result.stdout) as RequirementsJson;
      expect(req).toMatchObject({ node: "TabularPreprocessing_training", stepType: "TabularPreprocessing", scriptPath: join(xgboostScriptsDir, "tabular_preprocessing.py") });
      const env = Object.fromEntries(req.env.map((e) => [e.name, [e.value, e.source]]));
      expect(env["LABEL_FIELD"]).toEqual(["is_abuse", "config:label_name"]);
      expect(env["TRAIN_RATIO"]).toEqual(["0.7", "config:train_ratio"]);
      expect(env["TEST_VAL_RATIO"]).toEqual(["0.5", "config:test_val_ratio"]);
      expect(env["OUTPUT_FORMAT"]).toEqual(["CSV", "computed:str(output_format, class default)"]);
      expect(req.args).toEqual([{ flag: "--job_type", dest: "job_type", value: "training", source: "config:job_type" }]);
      expect(req.inputs.find((i) => i.logicalName === "DATA")).toEqual({
        logicalName: "DATA",
        required: true,
        containerPath: "/opt/ml/processing/input/data",
        defaultLocalPath: join(dir, "TabularPreprocessing_training", "input", "DATA"),
      });
      expect(req.wires).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it("--json for XGBoostTraining shows the wire from TabularPreprocessing_training", () => {
    const result = runCli(["requirements", "XGBoostTraining", "--json", ...pair]);
    expect(result.code).toBe(0);
    const req = JSON.parse(result.stdout) as RequirementsJson;
    expect(req.wires).toEqual([{ node: "XGBoostTraining", input: "input_path", fromNode: "TabularPreprocessing_training", fromOutput: "processed_data", kind: "alias", confidence: 0.9 }]);
  });

  it("prints tables with each value's source", () => {
    const result = runCli(["requirements", "TabularPreprocessing_calibration", ...pair]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("TabularPreprocessing_calibration (TabularPreprocessing)");
    expect(result.stdout).toMatch(/│ LABEL_FIELD\s+│ no\s+│ is_abuse\s+│ config:label_name\s+│/);
    expect(result.stdout).toMatch(/│ --job_type\s+│ calibration\s+│ config:job_type\s+│/);
  });
});
