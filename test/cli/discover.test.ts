import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { cursusFixtures, projectRoot, realDag, XGBOOST_CONFIG, XGBOOST_DAG, xgboostScriptsDir } from "../helpers/fixtures.js";
import { runCli } from "../helpers/run-cli.js";

const GOLDEN = join(projectRoot, "test", "golden", "discover-xgboost.json");
const NODE_FIELDS = ["name", "stepType", "status", "reason", "entryPoint", "scriptPath", "configKey"];

interface JsonNode {
  [field: string]: unknown;
  name: string;
  status: string;
}
interface DiscoverJson {
  dag: string;
  config: string;
  nodes: JsonNode[];
  summary: { dagNodes: number; scriptNodes: number; phantoms: number; errors: number };
  interfaceOverrides: unknown[];
}

/** Machine-specific folders replaced by placeholders, so the golden file holds on any machine. */
const normalise = (text: string): string => text.replaceAll(cursusFixtures, "<cursus-fixtures>").replaceAll(projectRoot, "<project>");

describe("cursus-lab discover", () => {
  const withScripts = runCli(["discover", "--json", "--dag", XGBOOST_DAG, "--config", XGBOOST_CONFIG, "--scripts-dir", xgboostScriptsDir]);

  it("exits 0 with nothing on stderr when every node is a script node or a phantom", () => {
    expect(withScripts.stderr).toBe("");
    expect(withScripts.code).toBe(0);
  });

  it("--json on the xgboost pair matches the golden file exactly", () => {
    const actual = normalise(withScripts.stdout);
    if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(GOLDEN, actual);
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: run with UPDATE_GOLDEN=1 once and check it by eye`).toBe(true);
    expect(actual).toBe(readFileSync(GOLDEN, "utf8"));
  });

  it("--json gives every node the fields name, stepType, status, reason, entryPoint, scriptPath, configKey", () => {
    const out = JSON.parse(withScripts.stdout) as DiscoverJson;
    expect(out.nodes).toHaveLength(10);
    for (const node of out.nodes) for (const field of NODE_FIELDS) expect(node, `${node.name}.${field}`).toHaveProperty(field);
    const training = out.nodes.find((n) => n.name === "TabularPreprocessing_training")!;
    expect(training).toMatchObject({
      stepType: "TabularPreprocessing",
      status: "script",
      reason: null,
      entryPoint: "tabular_preprocessing.py",
      scriptPath: join(xgboostScriptsDir, "tabular_preprocessing.py"),
      configKey: "TabularPreprocessing_training",
    });
    const cradle = out.nodes.find((n) => n.name === "CradleDataLoading_training")!;
    expect(cradle).toMatchObject({ status: "phantom", entryPoint: null, scriptPath: null, configKey: "CradleDataLoading_training" });
    expect(cradle["reason"]).toEqual(expect.stringContaining("no processing_entry_point"));
    expect(out.summary).toEqual({ dagNodes: 10, scriptNodes: 7, phantoms: 3, errors: 0, unverified: 0 });
  });

  it("--json without scripts: 7 script-not-found errors with paths tried, exit 1", () => {
    const result = runCli(["discover", "--json", "--dag", XGBOOST_DAG, "--config", XGBOOST_CONFIG]);
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as DiscoverJson;
    const errors = out.nodes.filter((n) => n.status === "error");
    expect(errors.map((n) => n.name).sort()).toEqual(
      ["ModelCalibration_calibration", "Package", "Payload", "TabularPreprocessing_calibration", "TabularPreprocessing_training", "XGBoostModelEval_calibration", "XGBoostTraining"],
    );
    for (const n of errors) {
      expect(n["reasonCode"]).toBe("script-not-found");
      expect((n["pathsTried"] as string[]).length).toBeGreaterThan(0);
      expect(n["scriptPath"]).toBeNull();
    }
    expect(out.nodes.filter((n) => n.status === "phantom").map((n) => n.name)).toEqual(["CradleDataLoading_training", "CradleDataLoading_calibration", "Registration"]);
  });

  it("prints a table and the errors with what to do, exit 1", () => {
    const result = runCli(["discover", "--dag", XGBOOST_DAG, "--config", XGBOOST_CONFIG]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("10 DAG nodes: 0 script, 3 phantom, 7 error");
    expect(result.stdout).toContain("XGBoostTraining: script declared (training_entry_point: \"xgboost_training.py\"), file not found; tried:");
    expect(result.stdout).toContain("what to do: Pass --scripts-dir");
  });

  it("reads relative paths from the current folder", () => {
    const result = runCli(["discover", "--dag", relative(projectRoot, XGBOOST_DAG), "--config", XGBOOST_CONFIG, "--scripts-dir", "test/fixtures/xgboost-scripts"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("10 DAG nodes: 7 script, 3 phantom, 0 error");
  });

  it("shows a step-type config match as a note on a DAG whose names differ from the config keys", () => {
    const result = runCli(["discover", "--dag", realDag("xgboost_training_with_evaluation"), "--config", XGBOOST_CONFIG, "--scripts-dir", xgboostScriptsDir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('note: node "XGBoostModelEval" uses config block "XGBoostModelEval_calibration" (the only block of its step type)');
    expect(result.stdout).toContain('TabularPreprocessing_evaluation: no config block matches node "TabularPreprocessing_evaluation" (did you mean "TabularPreprocessing_calibration", "TabularPreprocessing_training"?)');
  });

  it("reports an interface override on stdout", () => {
    const result = runCli(["discover", "--json", "--dag", XGBOOST_DAG, "--config", XGBOOST_CONFIG, "--scripts-dir", xgboostScriptsDir, "--interfaces", join(projectRoot, "test", "fixtures", "interfaces-override")]);
    const out = JSON.parse(result.stdout) as DiscoverJson;
    expect(normalise(JSON.stringify(out.interfaceOverrides))).toBe(
      JSON.stringify([
        {
          stepType: "TabularPreprocessing",
          file: "<project>/test/fixtures/interfaces-override/tabular_preprocessing.step.yaml",
          overrides: "<project>/catalog/tabular_preprocessing.step.yaml",
        },
      ]),
    );
    expect(out.nodes.find((n) => n.name === "TabularPreprocessing_training")!["interfaceOrigin"]).toBe("user");
  });
});

describe("cursus-lab --help and --version", () => {
  it("--version prints the package version and exits 0", () => {
    const result = runCli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe((JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { version: string }).version);
  });

  it("--help lists the commands and exits 0", () => {
    const result = runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: cursus-lab");
    expect(result.stdout).toMatch(/discover \[options\]/);
    expect(result.stdout).toMatch(/requirements \[options\] <node>/);
  });

  it("discover --help lists its options and exits 0", () => {
    const result = runCli(["discover", "--help"]);
    expect(result.code).toBe(0);
    for (const flag of ["--dag <file>", "--config <file>", "--scripts-dir <dir>", "--interfaces <dir>", "--json"]) expect(result.stdout).toContain(flag);
  });
});
