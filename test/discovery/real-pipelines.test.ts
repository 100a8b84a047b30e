import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../src/catalog/step-catalog.js";
import { loadConfig } from "../../src/config/load-config.js";
import { loadDag } from "../../src/dag/parse-dag.js";
import { discover } from "../../src/discovery/discover.js";
import type { Discovery, NodeDiscovery } from "../../src/discovery/node-discovery.js";
import { BEDROCK_CONFIG, realDag, tempDir, XGBOOST_CONFIG, XGBOOST_DAG, xgboostScriptsDir } from "../helpers/fixtures.js";

const catalog = buildCatalog();

function discoverPair(dagFile: string, configFile: string, scriptsDirs: readonly string[] = []): Discovery {
  const config = loadConfig(configFile);
  return discover(loadDag(dagFile), config, catalog, { projectRoot: config.baseDir, scriptsDirs });
}
const names = (nodes: readonly NodeDiscovery[], status: NodeDiscovery["status"]): string[] => nodes.filter((n) => n.status === status).map((n) => n.name);
const byName = (d: Discovery, name: string): NodeDiscovery => d.nodes.find((n) => n.name === name)!;

const XGBOOST_SCRIPT_NODES = [
  "TabularPreprocessing_training",
  "TabularPreprocessing_calibration",
  "XGBoostTraining",
  "XGBoostModelEval_calibration",
  "ModelCalibration_calibration",
  "Package",
  "Payload",
];
const XGBOOST_ENTRY_POINTS: Record<string, string> = {
  TabularPreprocessing_training: "tabular_preprocessing.py",
  TabularPreprocessing_calibration: "tabular_preprocessing.py",
  XGBoostTraining: "xgboost_training.py",
  XGBoostModelEval_calibration: "xgboost_model_evaluation.py",
  ModelCalibration_calibration: "model_calibration.py",
  Package: "package.py",
  Payload: "payload.py",
};

describe("xgboost_complete_e2e + config_NA_xgboost_AtoZ", () => {
  it("finds the scripts the config puts beside its scripts folder in this machine's copy of the config's project, with a note", () => {
    // The config's project was /home/ec2-user/SageMaker/Cursus: training and evaluation in dockers/xgboost_atoz, the rest in its scripts/.
    const { dir, cleanup } = tempDir();
    try {
      const project = join(dir, "Cursus", "dockers", "xgboost_atoz");
      mkdirSync(join(project, "scripts"), { recursive: true });
      for (const file of readdirSync(xgboostScriptsDir)) {
        const above = file === "xgboost_training.py" || file === "xgboost_model_evaluation.py";
        copyFileSync(join(xgboostScriptsDir, file), join(project, above ? "" : "scripts", file));
      }
      const d = discoverPair(XGBOOST_DAG, XGBOOST_CONFIG, [join(project, "scripts")]);
      expect(d.summary).toMatchObject({ scriptNodes: 7, errors: 0 });
      expect(byName(d, "XGBoostTraining")).toMatchObject({ status: "script", scriptPath: join(project, "xgboost_training.py") });
      const training = byName(d, "XGBoostTraining");
      expect(training.status === "script" ? training.warnings.join("\n") : "").toContain("in this machine's copy of the config's project");

      // A scripts folder copied alone, under a name of its own, tells nothing of the project around it.
      const alone = join(dir, "mine");
      mkdirSync(alone);
      for (const file of readdirSync(join(project, "scripts"))) copyFileSync(join(project, "scripts", file), join(alone, file));
      const lone = discoverPair(XGBOOST_DAG, XGBOOST_CONFIG, [alone]);
      expect(byName(lone, "XGBoostTraining")).toMatchObject({ status: "error", reasonCode: "script-not-found" });
    } finally {
      cleanup();
    }
  });

  it("without scripts dirs: the 7 script nodes are script-not-found errors listing the paths tried", () => {
    const d = discoverPair(XGBOOST_DAG, XGBOOST_CONFIG);
    expect(names(d.nodes, "error").sort()).toEqual([...XGBOOST_SCRIPT_NODES].sort());
    expect(names(d.nodes, "script")).toEqual([]);
    for (const name of XGBOOST_SCRIPT_NODES) {
      const node = byName(d, name);
      if (node.status !== "error") throw new Error(`${name} is ${node.status}`);
      expect(node.reasonCode).toBe("script-not-found");
      expect(node.entryPoint).toBe(XGBOOST_ENTRY_POINTS[name]);
      expect(node.pathsTried!.length).toBeGreaterThan(0);
      for (const path of node.pathsTried!) expect(path.endsWith(`/${XGBOOST_ENTRY_POINTS[name]}`)).toBe(true);
      expect(node.configKey).toBe(name);
    }
  });

  it("tries the config's processing_source_dir first, then source_dir, then the portable dirs", () => {
    const node = byName(discoverPair(XGBOOST_DAG, XGBOOST_CONFIG), "TabularPreprocessing_training");
    const configDir = loadConfig(XGBOOST_CONFIG).baseDir;
    expect(node.status === "error" && node.pathsTried).toEqual([
      "/home/ec2-user/SageMaker/Cursus/dockers/xgboost_atoz/scripts/tabular_preprocessing.py",
      "/home/ec2-user/SageMaker/Cursus/dockers/xgboost_atoz/tabular_preprocessing.py",
      join(configDir, "dockers/xgboost_atoz/scripts/tabular_preprocessing.py"),
      join(configDir, "dockers/xgboost_atoz/tabular_preprocessing.py"),
    ]);
  });

  it("the 3 phantoms are exactly the two data loads and Registration, each with its reason", () => {
    const d = discoverPair(XGBOOST_DAG, XGBOOST_CONFIG);
    expect(names(d.nodes, "phantom")).toEqual(["CradleDataLoading_training", "CradleDataLoading_calibration", "Registration"]);
    expect(byName(d, "CradleDataLoading_training")).toMatchObject({ reasonCode: "no-entry-point" });
    expect(byName(d, "CradleDataLoading_calibration")).toMatchObject({ reasonCode: "no-entry-point" });
    expect(byName(d, "Registration")).toMatchObject({ reasonCode: "runs-no-local-script", entryPoint: "xgboost_inference.py" });
    expect(d.summary).toEqual({ dagNodes: 10, scriptNodes: 0, phantoms: 3, errors: 7, unverified: 0 });
  });

  it("with a scripts dir holding the declared files: all 7 become script nodes", () => {
    const d = discoverPair(XGBOOST_DAG, XGBOOST_CONFIG, [xgboostScriptsDir]);
    expect(names(d.nodes, "script").sort()).toEqual([...XGBOOST_SCRIPT_NODES].sort());
    expect(names(d.nodes, "phantom")).toEqual(["CradleDataLoading_training", "CradleDataLoading_calibration", "Registration"]);
    expect(d.summary).toEqual({ dagNodes: 10, scriptNodes: 7, phantoms: 3, errors: 0, unverified: 0 });
    for (const name of XGBOOST_SCRIPT_NODES) {
      const node = byName(d, name);
      if (node.status !== "script") throw new Error(`${name} is ${node.status}`);
      expect(node.scriptPath).toBe(join(xgboostScriptsDir, XGBOOST_ENTRY_POINTS[name]!));
      expect(node.configMatch).toBe("exact");
      expect(node.interfaceOrigin).toBe("builtin");
      expect(node.warnings).toEqual([]);
    }
  });

  it("keeps the two TabularPreprocessing nodes apart: same script, own config and job type", () => {
    const d = discoverPair(XGBOOST_DAG, XGBOOST_CONFIG, [xgboostScriptsDir]);
    expect(byName(d, "TabularPreprocessing_training")).toMatchObject({ configKey: "TabularPreprocessing_training", jobType: "training" });
    expect(byName(d, "TabularPreprocessing_calibration")).toMatchObject({ configKey: "TabularPreprocessing_calibration", jobType: "calibration" });
  });

  it("lists nodes in the DAG's topological order", () => {
    const d = discoverPair(XGBOOST_DAG, XGBOOST_CONFIG);
    expect(d.nodes.map((n) => n.name)).toEqual(loadDag(XGBOOST_DAG).order);
  });
});

describe("DAGs whose node names differ from the config keys", () => {
  it("xgboost_training_with_evaluation + AtoZ: XGBoostModelEval uses XGBoostModelEval_calibration as a step-type match", () => {
    const d = discoverPair(realDag("xgboost_training_with_evaluation"), XGBOOST_CONFIG, [xgboostScriptsDir]);
    expect(byName(d, "XGBoostModelEval")).toMatchObject({ status: "script", configKey: "XGBoostModelEval_calibration", configMatch: "step-type" });
  });

  it("xgboost_training_with_evaluation + AtoZ: the evaluation nodes get no borrowed config, and did-you-mean suggestions", () => {
    const d = discoverPair(realDag("xgboost_training_with_evaluation"), XGBOOST_CONFIG, [xgboostScriptsDir]);
    expect(byName(d, "TabularPreprocessing_evaluation")).toMatchObject({
      status: "error",
      reasonCode: "no-config",
      suggestions: ["TabularPreprocessing_calibration", "TabularPreprocessing_training"],
    });
    expect(byName(d, "CradleDataLoading_evaluation")).toMatchObject({
      status: "error",
      reasonCode: "no-config",
      suggestions: ["CradleDataLoading_calibration", "CradleDataLoading_training"],
    });
    expect(names(d.nodes, "script")).toEqual(["TabularPreprocessing_training", "XGBoostTraining", "XGBoostModelEval"]);
    expect(names(d.nodes, "phantom")).toEqual(["CradleDataLoading_training"]);
  });

  it("pytorch_standard_e2e + PyTorch/Bedrock config: nodes without config are errors, with suggestions where a block is near", () => {
    const d = discoverPair(realDag("pytorch_standard_e2e"), BEDROCK_CONFIG, [xgboostScriptsDir]);
    expect(names(d.nodes, "script")).toEqual(["TabularPreprocessing_training"]);
    expect(names(d.nodes, "phantom")).toEqual(["CradleDataLoading_training"]);
    expect(names(d.nodes, "error").sort()).toEqual(
      ["CradleDataLoading_validation", "Package", "Payload", "PyTorchModelEval", "PyTorchTraining", "Registration", "TabularPreprocessing_validation"].sort(),
    );
    expect(byName(d, "TabularPreprocessing_validation")).toMatchObject({ reasonCode: "no-config", suggestions: ["TabularPreprocessing_training"] });
    expect(byName(d, "CradleDataLoading_validation")).toMatchObject({ reasonCode: "no-config", suggestions: ["CradleDataLoading_training"] });
  });

  it("bedrock_bedrock_batch_pytorch_with_label_ruleset_e2e + PyTorch/Bedrock config: calibration nodes never borrow the training block", () => {
    const d = discoverPair(realDag("bedrock_bedrock_batch_pytorch_with_label_ruleset_e2e"), BEDROCK_CONFIG, [xgboostScriptsDir]);
    for (const name of ["TabularPreprocessing_calibration", "BedrockBatchProcessing_calibration", "LabelRulesetExecution_calibration"]) {
      const node = byName(d, name);
      expect(node).toMatchObject({ status: "error", reasonCode: "no-config" });
      expect(node.configKey).toBeUndefined();
      expect(node.status === "error" && node.suggestions!.length).toBeGreaterThan(0);
      expect(node.status === "error" && node.suggestions![0]).toBe(name.replace("_calibration", "_training"));
    }
    expect(byName(d, "TabularPreprocessing_training")).toMatchObject({ status: "script", configKey: "TabularPreprocessing_training" });
    // The Bedrock and label-ruleset scripts live in the config's relative dockers/scripts folder, which is not here.
    for (const name of ["BedrockPromptTemplateGeneration", "BedrockBatchProcessing_training", "LabelRulesetGeneration", "LabelRulesetExecution_training"]) {
      expect(byName(d, name)).toMatchObject({ status: "error", reasonCode: "script-not-found", configMatch: "exact" });
    }
    expect(d.summary.dagNodes).toBe(16);
  });

  it("every error node of every real pair carries a reason and a hint, and no config key unless one matched exactly or by rule", () => {
    const pairs: [string, string][] = [
      [realDag("bedrock_bedrock_batch_pytorch_with_label_ruleset_e2e"), BEDROCK_CONFIG],
      [realDag("pytorch_standard_e2e"), BEDROCK_CONFIG],
      [realDag("xgboost_training_with_evaluation"), XGBOOST_CONFIG],
      [realDag("xgboost_simple"), XGBOOST_CONFIG],
      [realDag("dummy_e2e_basic"), XGBOOST_CONFIG],
      [XGBOOST_DAG, XGBOOST_CONFIG],
    ];
    for (const [dag, config] of pairs) {
      for (const node of discoverPair(dag, config).nodes) {
        if (node.status !== "error") continue;
        expect(node.reason).not.toBe("");
        expect(node.hint).not.toBe("");
        if (node.reasonCode === "no-config" || node.reasonCode === "ambiguous-config") expect(node.configKey).toBeUndefined();
      }
    }
  });
});
