import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { demoConfig, demoDag, tempDir, XGBOOST_CONFIG, XGBOOST_DAG } from "../helpers/fixtures.js";
import { runCli } from "../helpers/run-cli.js";

const { dir, cleanup } = tempDir("cursus-lab-answers-");
afterAll(cleanup);

interface RequirementsJson {
  env: { name: string; value: string | null; source: string }[];
  args: { flag: string; value: string | null; source: string }[];
  inputs: { logicalName: string }[];
  outputs: { logicalName: string }[];
  warnings: { code: string; message: string; pathsTried?: string[] }[];
}

interface DiscoverJson {
  nodes: { name: string; status: string; reasonCode: string | null; reason: string | null; suggestions?: string[] }[];
  warnings: string[];
}

describe("requirements without the script file (the real cursus fixtures; their scripts are not on this machine)", () => {
  const result = runCli(["requirements", "TabularPreprocessing_training", "--json", "--dag", XGBOOST_DAG, "--config", XGBOOST_CONFIG, "--workspace", join(dir, "ws")]);

  it("exits 0 with env, args and paths from the config and the interface", () => {
    expect(result.code).toBe(0);
    const req = JSON.parse(result.stdout) as RequirementsJson;
    const env = Object.fromEntries(req.env.map((e) => [e.name, [e.value, e.source]]));
    expect(env["LABEL_FIELD"]).toEqual(["is_abuse", "config:label_name"]);
    expect(env["TRAIN_RATIO"]).toEqual(["0.7", "config:train_ratio"]);
    expect(env["TEST_VAL_RATIO"]).toEqual(["0.5", "config:test_val_ratio"]);
    expect(req.args).toEqual([{ flag: "--job_type", dest: "job_type", value: "training", source: "config:job_type" }]);
    expect(req.inputs.map((i) => i.logicalName)).toContain("DATA");
    expect(req.outputs.map((o) => o.logicalName)).toEqual(["processed_data"]);
  });

  it("carries the missing script as a warning with every path tried, on stderr too", () => {
    const req = JSON.parse(result.stdout) as RequirementsJson;
    const missing = req.warnings.find((w) => w.code === "SCRIPT_NOT_FOUND")!;
    expect(missing.pathsTried).toContain("/home/ec2-user/SageMaker/Cursus/dockers/xgboost_atoz/scripts/tabular_preprocessing.py");
    expect(missing.message).toContain("TabularPreprocessing_training: script tabular_preprocessing.py is not on this machine");
    expect(result.stderr).toContain("warning: TabularPreprocessing_training: script tabular_preprocessing.py is not on this machine");
    expect(result.stderr).toContain("/home/ec2-user/SageMaker/Cursus/dockers/xgboost_atoz/scripts/tabular_preprocessing.py");
  });

  it("says where a node's data would come from, as if the missing scripts were here", () => {
    const training = runCli(["requirements", "XGBoostTraining", "--json", "--dag", XGBOOST_DAG, "--config", XGBOOST_CONFIG, "--workspace", join(dir, "ws")]);
    expect(training.code).toBe(0);
    const req = JSON.parse(training.stdout) as { wires: { input: string; fromNode: string; fromOutput: string }[]; spec: { inputs: Record<string, { source: string; from?: unknown }> } };
    expect(req.wires.map((w) => [w.input, w.fromNode, w.fromOutput])).toEqual([["input_path", "TabularPreprocessing_training", "processed_data"]]);
    expect(req.spec.inputs["input_path"]).toMatchObject({ source: "upstream", from: { node: "TabularPreprocessing_training", output: "processed_data" } });
  });

  it("still answers 'no requirements' for a phantom, with its reason", () => {
    const phantom = runCli(["requirements", "Registration", "--dag", XGBOOST_DAG, "--config", XGBOOST_CONFIG]);
    expect(phantom.code).toBe(2);
    expect(phantom.stderr).toContain('"Registration" is not a script node (phantom: Registration runs as a SageMaker MimsModelRegistrationProcessing step');
  });
});

describe("DAG-only mode: no --config", () => {
  it("discover lists the data loads and Registration as phantoms by step type and the rest as unverified, with a warning", () => {
    const result = runCli(["discover", "--json", "--dag", XGBOOST_DAG]);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as DiscoverJson;
    const by = (status: string): string[] => out.nodes.filter((n) => n.status === status).map((n) => n.name);
    expect(by("phantom")).toEqual(["CradleDataLoading_training", "CradleDataLoading_calibration", "Registration"]);
    expect(out.nodes.filter((n) => n.status === "phantom").every((n) => n.reasonCode === "step-type-runs-no-script")).toBe(true);
    expect(by("unverified").sort()).toEqual(
      ["ModelCalibration_calibration", "Package", "Payload", "TabularPreprocessing_calibration", "TabularPreprocessing_training", "XGBoostModelEval_calibration", "XGBoostTraining"],
    );
    expect(out.nodes.find((n) => n.name === "Package")!.reason).toBe("no config: the entry point cannot be checked");
    expect(result.stderr).toContain("warning: no config given: step types come from the node names, so phantoms cannot be ruled out");
    expect(result.stderr).toContain("add --config");
  });

  it("an unknown step type is an error with did-you-mean from the catalog", () => {
    const dag = join(dir, "typo.dag.json");
    writeFileSync(dag, JSON.stringify({ nodes: ["TabularPreprocesing_training", "Mystery"], edges: [] }));
    const result = runCli(["discover", "--json", "--dag", dag]);
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as DiscoverJson;
    expect(out.nodes[0]).toMatchObject({ status: "error", reasonCode: "unknown-step-type", suggestions: ["TabularPreprocessing"] });
    expect(out.nodes[0]!.reason).toContain('step type "TabularPreprocesing" (from node "TabularPreprocesing_training") is not in the step catalog (did you mean "TabularPreprocessing"?)');
    expect(out.nodes[1]).toMatchObject({ status: "error", reasonCode: "unknown-step-type" });
  });

  it("requirements gives the interface's names and defaults, with a warning to add the config", () => {
    const result = runCli(["requirements", "TabularPreprocessing_training", "--json", "--dag", XGBOOST_DAG, "--workspace", join(dir, "ws")]);
    expect(result.code).toBe(0);
    const req = JSON.parse(result.stdout) as RequirementsJson;
    expect(req.env.map((e) => e.name)).toContain("LABEL_FIELD");
    expect(req.warnings.map((w) => w.code)).toEqual(["NO_CONFIG"]);
    expect(result.stderr).toContain("TabularPreprocessing_training: no config given, so only the step interface's names and defaults are shown");
  });

  it("plan says every unverified node is blocked for want of a config, and exits 2", () => {
    const result = runCli(["plan", "--json", "--dag", XGBOOST_DAG, "--workspace", join(dir, "ws")]);
    expect(result.code).toBe(2);
    const plan = JSON.parse(result.stdout) as { canRun: boolean; config: null; nodes: { name: string; decision: string; reason: string }[]; phantoms: { node: string }[] };
    expect(plan.canRun).toBe(false);
    expect(plan.config).toBeNull();
    expect(plan.nodes).toHaveLength(7);
    expect(plan.nodes.every((n) => n.decision === "blocked" && n.reason.includes("run needs the pipeline config"))).toBe(true);
    expect(plan.phantoms.map((p) => p.node)).toEqual(["CradleDataLoading_training", "CradleDataLoading_calibration", "Registration"]);
  });

  it("run still requires --config", () => {
    const result = runCli(["run", "--dag", XGBOOST_DAG]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("required option '--config <file>' not specified");
  });
});

interface PlanJson {
  canRun: boolean;
  nodes: { name: string; decision: string; reason: string; env: { name: string; value: string; source: string }[]; args: unknown[]; inputs: { logicalName: string; path: string; from: unknown }[]; outputs: unknown[]; wires: { input: string; kind: string; confidence: number }[] }[];
  phantoms: { node: string; reason: string }[];
  problems: unknown[];
}

describe("cursus-lab plan on the demo", () => {
  const workspace = join(dir, "demo-ws");
  const flags = ["--dag", demoDag, "--config", demoConfig, "--workspace", workspace];
  const plan = (...more: string[]): { code: number | null; plan: PlanJson } => {
    const result = runCli(["plan", "--json", ...flags, ...more]);
    return { code: result.code, plan: JSON.parse(result.stdout) as PlanJson };
  };
  const decisions = (p: PlanJson): Record<string, string> => Object.fromEntries(p.nodes.map((n) => [n.name, n.decision]));

  it("run before any run, reuse after one, and exactly what a changed value reruns; the next run agrees", () => {
    const first = plan();
    expect(first.code).toBe(0);
    expect(first.plan.canRun).toBe(true);
    expect(new Set(Object.values(decisions(first.plan)))).toEqual(new Set(["run"]));
    expect(first.plan.nodes.find((n) => n.name === "TabularPreprocessing_training")!.reason).toBe("no earlier successful run");
    const training = first.plan.nodes.find((n) => n.name === "XGBoostTraining")!;
    expect(training.wires).toEqual([{ input: "input_path", from: { node: "TabularPreprocessing_training", output: "processed_data" }, kind: "alias", confidence: 0.9 }]);
    expect(training.env.find((e) => e.name === "REGION")).toEqual({ name: "REGION", value: "NA", source: "config:region" });
    expect(first.plan.phantoms.map((p) => p.node)).toEqual(["CradleDataLoading_training", "CradleDataLoading_calibration", "Registration"]);
    expect(first.plan.problems).toEqual([]);

    expect(runCli(["run", ...flags]).code).toBe(0);
    expect(new Set(Object.values(decisions(plan().plan)))).toEqual(new Set(["reuse"]));

    const env = ["--env", "ModelCalibration_calibration.CALIBRATION_METHOD=platt"];
    const changed = plan(...env).plan;
    expect(changed.nodes.filter((n) => n.decision === "run").map((n) => [n.name, n.reason])).toEqual([
      ["ModelCalibration_calibration", "env CALIBRATION_METHOD changed"],
      ["Package", "runs after ModelCalibration_calibration, whose result is not known before it runs"],
    ]);
    const run = runCli(["run", "--json", ...flags, ...env]);
    expect(run.code).toBe(0);
    const record = JSON.parse(run.stdout) as { nodes: { name: string; cache: string }[] };
    expect(Object.fromEntries(record.nodes.map((n) => [n.name, n.cache === "hit" ? "reuse" : "run"]))).toEqual(decisions(changed));
  });

  it("exits 2 when a run could not start, with the blocked node and its reason", () => {
    const result = runCli(["plan", "--json", "--dag", demoDag, "--config", demoConfig, "--no-settings", "--interfaces", join(demoDag, "..", "interfaces"), "--workspace", join(dir, "blocked-ws")]);
    expect(result.code).toBe(2);
    const p = JSON.parse(result.stdout) as PlanJson;
    expect(p.canRun).toBe(false);
    const blocked = p.nodes.find((n) => n.name === "TabularPreprocessing_training")!;
    expect(blocked.decision).toBe("blocked");
    expect(blocked.reason).toContain("DATA");
    expect(p.nodes.find((n) => n.name === "XGBoostTraining")!.reason).toBe("cannot run: ancestor TabularPreprocessing_training is blocked");
  });

  it("prints a text view: the decision table, each node's values, phantoms", () => {
    const result = runCli(["plan", ...flags]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/plan: \d run, \d reuse, 0 blocked; 3 phantoms; a run can start/);
    expect(result.stdout).toContain("env TRAIN_RATIO=0.7 (config:train_ratio)");
    expect(result.stdout).toContain("wire input_path <- TabularPreprocessing_training.processed_data (alias, 0.9)");
    expect(result.stdout).toContain("phantom Registration: ");
  });
});
