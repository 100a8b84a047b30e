import { describe, expect, it } from "vitest";
import { badFixture, XGBOOST_CONFIG, XGBOOST_DAG, xgboostScriptsDir } from "../helpers/fixtures.js";
import { runCli } from "../helpers/run-cli.js";

interface BadInput {
  readonly name: string;
  readonly args: readonly string[];
  /** Every fragment must appear in stderr: the file, the JSON path or node, and why. */
  readonly says: readonly string[];
}

const discover = (dag: string, config: string, ...more: string[]): string[] => ["discover", "--dag", dag, "--config", config, ...more];

const CASES: readonly BadInput[] = [
  {
    name: "a missing DAG file",
    args: discover(badFixture("no-such.dag.json"), XGBOOST_CONFIG),
    says: [`DAG file not found: ${badFixture("no-such.dag.json")}`],
  },
  {
    name: "a missing config file",
    args: discover(XGBOOST_DAG, badFixture("no-such.config.json")),
    says: [`config file not found: ${badFixture("no-such.config.json")}`],
  },
  {
    name: "invalid JSON",
    args: discover(badFixture("invalid-json.dag.json"), XGBOOST_CONFIG),
    says: [`${badFixture("invalid-json.dag.json")} is not valid JSON at line 4, column 26: expected a value, found "]"`],
  },
  {
    name: "a DAG of the wrong shape",
    args: discover(badFixture("wrong-shape.dag.json"), XGBOOST_CONFIG),
    says: [`${badFixture("wrong-shape.dag.json")} is not a DAG file`, "dag.nodes: "],
  },
  {
    name: "a config of the wrong shape",
    args: discover(XGBOOST_DAG, badFixture("wrong-shape.config.json")),
    says: [`${badFixture("wrong-shape.config.json")} is not a cursus pipeline config file`, "configuration.specific: "],
  },
  {
    name: "a DAG given as the config",
    args: discover(XGBOOST_DAG, XGBOOST_DAG),
    says: [`${XGBOOST_DAG} is not a cursus pipeline config file`, "configuration: "],
  },
  {
    name: "an unknown __type_info__",
    args: discover(XGBOOST_DAG, badFixture("unknown-type-info.config.json")),
    says: [`${badFixture("unknown-type-info.config.json")}: configuration.specific.TabularPreprocessing_training.categorical_columns has "__type_info__": "frozenset"`],
  },
  {
    name: "a __model_type__ that disagrees with metadata.config_types",
    args: discover(XGBOOST_DAG, badFixture("model-type-mismatch.config.json")),
    says: [`${badFixture("model-type-mismatch.config.json")}: configuration.specific.XGBoostTraining says "__model_type__": "XGBoostModelEvalConfig" but metadata.config_types.XGBoostTraining says "XGBoostTrainingConfig"`],
  },
  {
    name: "a DAG cycle",
    args: discover(badFixture("cycle.dag.json"), XGBOOST_CONFIG),
    says: [`${badFixture("cycle.dag.json")}: the DAG has a cycle: A -> B -> C -> A`],
  },
  {
    name: "an edge to an unknown node",
    args: discover(badFixture("unknown-edge.dag.json"), XGBOOST_CONFIG),
    says: [`${badFixture("unknown-edge.dag.json")}: edge dag.edges[1] ["XGBoostTraining", "XGBoostModelEvaluation"] names "XGBoostModelEvaluation"`],
  },
  {
    name: "a duplicate node",
    args: discover(badFixture("duplicate-node.dag.json"), XGBOOST_CONFIG),
    says: [`${badFixture("duplicate-node.dag.json")}: node "TabularPreprocessing_training" is declared twice (second time at dag.nodes[2])`],
  },
  {
    name: "a malformed interface YAML",
    args: discover(XGBOOST_DAG, XGBOOST_CONFIG, "--interfaces", badFixture("malformed-interface")),
    says: [`${badFixture("malformed-interface")}/tabular_preprocessing.step.yaml is not valid YAML at line 5`],
  },
  {
    name: "an interface YAML of the wrong shape",
    args: discover(XGBOOST_DAG, XGBOOST_CONFIG, "--interfaces", badFixture("wrong-shape-interface")),
    says: [`${badFixture("wrong-shape-interface")}/tabular_preprocessing.step.yaml is not a step interface file`, "registry.sagemaker_step_type"],
  },
  {
    name: "requirements for an unknown node",
    args: ["requirements", "TabularPreprocesing_training", "--dag", XGBOOST_DAG, "--config", XGBOOST_CONFIG, "--scripts-dir", xgboostScriptsDir],
    says: ['"TabularPreprocesing_training" is not a node of the DAG (did you mean "TabularPreprocessing_training"?)'],
  },
  {
    name: "requirements for a phantom node",
    args: ["requirements", "CradleDataLoading_training", "--dag", XGBOOST_DAG, "--config", XGBOOST_CONFIG],
    says: ['"CradleDataLoading_training" is not a script node (phantom: the config sets no processing_entry_point'],
  },
];

/** A Node stack frame line: `    at fn (file:line:col)`. */
const STACK_FRAME = /^\s+at .+[:(]/m;

describe("bad input: one readable message, exit 2, no stack trace", () => {
  it.each(CASES)("$name", ({ args, says }) => {
    const result = runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    for (const fragment of says) expect(result.stderr).toContain(fragment);
    expect(result.stderr.startsWith("error: ")).toBe(true);
    expect(result.stderr.match(/^error: /gm)).toHaveLength(1);
    expect(result.stderr).toContain("what to do: ");
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});

describe("bad input with --debug: the same message, then the stack trace", () => {
  it.each(CASES.filter((c) => ["a DAG cycle", "an unknown __type_info__", "requirements for a phantom node", "invalid JSON"].includes(c.name)))("$name", ({ args, says }) => {
    const result = runCli([...args, "--debug"]);
    expect(result.code).toBe(2);
    for (const fragment of says) expect(result.stderr).toContain(fragment);
    expect(result.stderr).toMatch(STACK_FRAME);
    expect(result.stderr).toContain("CursusLabError");
  });
});

describe("usage errors", () => {
  it.each([
    { name: "an unknown command", args: ["bogus"], says: "unknown command 'bogus'" },
    { name: "a run without --config (discover, requirements and plan work without one)", args: ["run", "--dag", XGBOOST_DAG], says: "required option '--config <file>' not specified" },
    { name: "requirements without a node", args: ["requirements", "--dag", XGBOOST_DAG, "--config", XGBOOST_CONFIG], says: "missing required argument 'node'" },
  ])("$name exits 2 with the reason on stderr", ({ args, says }) => {
    const result = runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(says);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});
