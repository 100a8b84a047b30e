import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ProblemsError } from "../../src/errors.js";
import { createFactory, type FactoryOptions } from "../../src/factory/testing-factory.js";
import { failure } from "../helpers/expect-error.js";
import { tempDir, testFixture } from "../helpers/fixtures.js";
import { toyPipeline } from "../runner/toy-pipeline.js";

const { dir: tmp, cleanup } = tempDir();
afterAll(cleanup);
const fixture = (...parts: string[]): string => testFixture("wiring", ...parts);
const workspace = join(tmp, "ws");

const riskTables = (options: Partial<FactoryOptions> = {}) =>
  createFactory({ dag: fixture("pipeline.dag.json"), config: fixture("config.json"), interfacesDirs: [fixture("interfaces")], settings: false, workspace, ...options });
const tied = (options: Partial<FactoryOptions> = {}) => riskTables({ interfacesDirs: [fixture("interfaces"), fixture("interfaces-tie")], ...options });

const sourceOf = (f: ReturnType<typeof createFactory>, node: string, input: string) => f.getScriptSpec(node).spec.inputs[input]?.from;

describe("wiring the risk-table pipeline", () => {
  it("feeds the calibration risk tables from the training risk-table step, not from imputation", () => {
    const f = riskTables();
    expect(sourceOf(f, "RiskTableMapping_calibration", "model_artifacts_input")).toEqual({ node: "RiskTableMapping_training", output: "model_artifacts_output" });
    // Its data still comes from imputation, which input_data's compatible_sources name.
    expect(sourceOf(f, "RiskTableMapping_calibration", "input_data")).toEqual({ node: "MissingValueImputation_calibration", output: "processed_data" });
    expect(f.wiring.ties).toEqual([]);
    const considered = f.wiring.considered.find((c) => c.node === "RiskTableMapping_calibration" && c.input === "model_artifacts_input");
    expect(considered?.candidates.map((c) => [c.from.node, c.kind, c.confidence, c.compatibleSource])).toEqual([
      ["RiskTableMapping_training", "alias", 0.9, true],
      ["MissingValueImputation_calibration", "alias", 0.9, false],
    ]);
  });

  it("a true tie is a problem before the run that names both candidates and the wire that fixes it", async () => {
    const f = tied();
    const pending = f.getPendingScriptConfigurations().find((p) => p.node === "RiskTableMapping_calibration");
    const problem = pending?.problems.find((p) => p.field === "inputs.model_artifacts_input");
    expect(problem?.message).toContain("RiskTableMapping_calibration: input model_artifacts_input has 2 equally good sources");
    expect(problem?.message).toContain("MissingValueImputation_calibration.model_artifacts_output (alias match, confidence 0.9)");
    expect(problem?.message).toContain("RiskTableMapping_training.model_artifacts_output (alias match, confidence 0.9)");
    expect(problem?.fix).toContain("--wire RiskTableMapping_calibration.model_artifacts_input=");
    const error = await f.executeDagGuidedTesting().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemsError);
    expect((error as ProblemsError).code).toBe("RUN_BLOCKED");
    expect(existsSync(join(workspace, "runs"))).toBe(false);
  });

  it("an explicit wire settles the tie, structured or as text, even though the upstream output is not on disk yet", () => {
    const structured = tied({ wires: [{ node: "RiskTableMapping_calibration", input: "model_artifacts_input", from: { node: "RiskTableMapping_training", output: "model_artifacts_output" } }] });
    const text = tied({ wires: ["RiskTableMapping_calibration.model_artifacts_input=RiskTableMapping_training.model_artifacts_output"] });
    for (const f of [structured, text]) {
      const result = f.getScriptSpec("RiskTableMapping_calibration");
      const input = result.spec.inputs["model_artifacts_input"]!;
      expect(input).toMatchObject({ source: "upstream", from: { node: "RiskTableMapping_training", output: "model_artifacts_output" } });
      expect(existsSync(input.path)).toBe(false);
      expect(result.ok).toBe(true);
      expect(f.wires).toContainEqual({ node: "RiskTableMapping_calibration", input: "model_artifacts_input", fromNode: "RiskTableMapping_training", fromOutput: "model_artifacts_output", kind: "explicit", confidence: 1 });
    }
  });

  it('takes "wires" from cursus-lab.json, and the API wins for the same input', () => {
    const settings = join(tmp, "cursus-lab.json");
    writeFileSync(settings, JSON.stringify({ wires: { "RiskTableMapping_calibration.model_artifacts_input": "MissingValueImputation_calibration.model_artifacts_output" } }));
    expect(sourceOf(tied({ settings }), "RiskTableMapping_calibration", "model_artifacts_input")).toEqual({ node: "MissingValueImputation_calibration", output: "model_artifacts_output" });
    const both = tied({ settings, wires: ["RiskTableMapping_calibration.model_artifacts_input=RiskTableMapping_training.model_artifacts_output"] });
    expect(sourceOf(both, "RiskTableMapping_calibration", "model_artifacts_input")).toEqual({ node: "RiskTableMapping_training", output: "model_artifacts_output" });
  });

  it("reports every bad wire at once: unknown names with did-you-mean, a source that is not upstream", () => {
    const error = failure(
      () =>
        riskTables({
          wires: [
            "RiskTableMapping_calibraton.model_artifacts_input=RiskTableMapping_training.model_artifacts_output",
            "RiskTableMapping_calibration.model_artifacts_input=RiskTableMapping_training.model_artifact_output",
            "RiskTableMapping_training.model_artifacts_input=RiskTableMapping_calibration.model_artifacts_output",
            "no equals sign",
          ],
        }),
      ProblemsError,
    );
    expect(error.code).toBe("WIRES_INVALID");
    expect(error.problems.map((p) => p.message)).toEqual([
      'wire "RiskTableMapping_calibraton.model_artifacts_input=RiskTableMapping_training.model_artifacts_output": "RiskTableMapping_calibraton.model_artifacts_input" is not an input of a script node (did you mean "RiskTableMapping_calibration.model_artifacts_input"?)',
      'wire "RiskTableMapping_calibration.model_artifacts_input=RiskTableMapping_training.model_artifact_output": "RiskTableMapping_training.model_artifact_output" is not an output of a script node (did you mean "RiskTableMapping_training.model_artifacts_output"?)',
      'wire "RiskTableMapping_training.model_artifacts_input=RiskTableMapping_calibration.model_artifacts_output": RiskTableMapping_calibration is not upstream of RiskTableMapping_training in the DAG, so its output would not exist when RiskTableMapping_training runs',
      'wire "no equals sign" is not NODE.INPUT=UPSTREAM.OUTPUT',
    ]);
  });
});

describe("explicit wires and dotted node names", () => {
  it("parses NODE.INPUT against real node names, and wires any ancestor, not only a parent", () => {
    const p = toyPipeline([{ name: "prep" }, { name: "prep.v1" }, { name: "train.v1" }], [["prep", "prep.v1"], ["prep.v1", "train.v1"]]);
    const f = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [testFixture("toy", "interfaces")], workspace: p.workspace, settings: false, wires: ["train.v1.extra=prep.data", "prep.v1.extra=prep.data"] });
    expect(sourceOf(f, "train.v1", "extra")).toEqual({ node: "prep", output: "data" });
    expect(sourceOf(f, "train.v1", "data")).toEqual({ node: "prep.v1", output: "data" });
    expect(sourceOf(f, "prep.v1", "extra")).toEqual({ node: "prep", output: "data" });
  });
});

describe("an edge that feeds no input", () => {
  it("is a warning on the factory summary, naming both ends", () => {
    const p = toyPipeline([{ name: "Source" }, { name: "Sink", type: "ToyPlain", fields: { mode: "x" } }], [["Source", "Sink"]]);
    const f = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [testFixture("toy", "interfaces")], workspace: p.workspace, settings: false });
    expect(f.getTestingFactorySummary().warnings).toEqual([
      { code: "UNUSED_EDGE", from: "Source", to: "Sink", message: expect.stringContaining("the DAG edge Source -> Sink feeds no input of Sink") as unknown as string },
    ]);
  });
});
