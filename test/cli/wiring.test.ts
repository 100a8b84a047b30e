import { describe, expect, it } from "vitest";
import { testFixture } from "../helpers/fixtures.js";
import { runCli } from "../helpers/run-cli.js";
import { toyArgs, toyPipeline } from "../runner/toy-pipeline.js";

const fixture = (...parts: string[]): string => testFixture("wiring", ...parts);
const pipeline = ["--dag", fixture("pipeline.dag.json"), "--config", fixture("config.json"), "--interfaces", fixture("interfaces"), "--no-settings"];
const tiePipeline = [...pipeline, "--interfaces", fixture("interfaces-tie")];
/** The table wraps long names mid-word: compare with every space and border removed. */
const squash = (text: string): string => text.replace(/[│\s]+/g, "");
const RISK_WIRE = "RiskTableMapping_calibration.model_artifacts_input=RiskTableMapping_training.model_artifacts_output";

interface Candidate {
  from: { node: string; output: string };
  kind: string;
  confidence: number;
  compatibleSource: boolean;
  typeMatch: boolean;
}

describe("cursus-lab requirements: sources and alternatives", () => {
  it("--json lists every candidate considered for each input, with its kind and confidence", () => {
    const result = runCli(["requirements", "RiskTableMapping_calibration", "--json", ...pipeline]);
    expect(result.code).toBe(0);
    const req = JSON.parse(result.stdout) as { alternatives: Record<string, Candidate[]>; spec: { inputs: Record<string, { from?: unknown }> } };
    expect(req.alternatives["model_artifacts_input"]).toEqual([
      { from: { node: "RiskTableMapping_training", output: "model_artifacts_output" }, kind: "alias", confidence: 0.9, compatibleSource: true, typeMatch: true },
      { from: { node: "MissingValueImputation_calibration", output: "model_artifacts_output" }, kind: "alias", confidence: 0.9, compatibleSource: false, typeMatch: true },
    ]);
    expect(req.spec.inputs["model_artifacts_input"]?.from).toEqual({ node: "RiskTableMapping_training", output: "model_artifacts_output" });
  });

  it("the text view shows the source and the alternative", () => {
    const result = runCli(["requirements", "RiskTableMapping_calibration", ...pipeline], "/");
    expect(result.code).toBe(0);
    const text = squash(result.stdout);
    expect(text).toContain(squash("from RiskTableMapping_training.model_artifacts_output (alias match, confidence 0.9)"));
    expect(text).toContain(squash("also considered: MissingValueImputation_calibration.model_artifacts_output (alias match, confidence 0.9)"));
  });

  it("a tie shows both candidates, and --wire chooses", () => {
    const tie = runCli(["requirements", "RiskTableMapping_calibration", ...tiePipeline]);
    expect(tie.code).toBe(0);
    expect(squash(tie.stdout)).toContain(squash("TIE: MissingValueImputation_calibration.model_artifacts_output or RiskTableMapping_training.model_artifacts_output; choose one with --wire"));
    const wired = runCli(["requirements", "RiskTableMapping_calibration", "--json", ...tiePipeline, "--wire", RISK_WIRE]);
    expect(wired.code).toBe(0);
    const req = JSON.parse(wired.stdout) as { ties: unknown[]; wires: { input: string; kind: string; fromNode: string }[] };
    expect(req.ties).toEqual([]);
    expect(req.wires).toContainEqual(expect.objectContaining({ input: "model_artifacts_input", kind: "explicit", fromNode: "RiskTableMapping_training" }));
  });

  it("warns on stderr about an edge that feeds no input", () => {
    const p = toyPipeline([{ name: "Source" }, { name: "Sink", type: "ToyPlain", fields: { mode: "x" } }], [["Source", "Sink"]]);
    const result = runCli(["requirements", "Sink", ...toyArgs(p)]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: the DAG edge Source -> Sink feeds no input of Sink");
  });
});

describe("cursus-lab run: ties and wires", () => {
  it("stops before any process on a tie, naming both candidates and the --wire fix", () => {
    const result = runCli(["run", ...tiePipeline, "--workspace", fixture("never-created")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("RiskTableMapping_calibration: input model_artifacts_input has 2 equally good sources");
    expect(result.stderr).toContain("fix: Choose its source with an explicit wire: --wire RiskTableMapping_calibration.model_artifacts_input=");
  });

  it("parses --wire with dotted node names and names an unknown one with did-you-mean", () => {
    const p = toyPipeline([{ name: "prep.v1" }, { name: "train.v1" }], [["prep.v1", "train.v1"]]);
    const ok = runCli(["requirements", "train.v1", "--json", ...toyArgs(p), "--wire", "train.v1.extra=prep.v1.data"]);
    expect(ok.code).toBe(0);
    const req = JSON.parse(ok.stdout) as { spec: { inputs: Record<string, { from?: unknown }> } };
    expect(req.spec.inputs["extra"]?.from).toEqual({ node: "prep.v1", output: "data" });
    const bad = runCli(["run", ...toyArgs(p), "--wire", "train.v1.extra=prep.v2.data"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"prep.v2.data" is not an output of a script node (did you mean "prep.v1.data"?)');
  });
});
