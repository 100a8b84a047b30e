import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, TOY, toyArgs, toyPipeline } from "../runner/toy-pipeline.js";

const listing = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).sort();

/** A pipeline of one step whose interface names its input and output as given, run by every_output.py. */
function oddInterface(output: string, nodes: string[] = ["Odd"]) {
  const dir = mkdtempSync(join(tmpdir(), "cursus-lab-odd-"));
  const interfaces = join(dir, "interfaces");
  mkdirSync(interfaces);
  writeFileSync(
    join(interfaces, "odd.step.yaml"),
    [
      "step_type: OddStep",
      "registry: {sagemaker_step_type: Processing}",
      "contract:",
      "  entry_point: every_output.py",
      "  inputs: {}",
      "  outputs:",
      `    ${JSON.stringify(output)}: {path: /opt/ml/processing/output}`,
      "  env_vars: {required: [], optional: {}}",
    ].join("\n"),
  );
  const ws = join(dir, "ws");
  const dag = join(dir, "odd.dag.json");
  const config = join(dir, "config.json");
  writeFileSync(dag, JSON.stringify({ dag: { nodes, edges: [] } }));
  const specific = Object.fromEntries(nodes.map((n) => [n, { __model_type__: "OddStepConfig", processing_entry_point: "every_output.py" }]));
  writeFileSync(config, JSON.stringify({ configuration: { shared: { processing_source_dir: join(TOY, "scripts") }, specific }, metadata: {} }));
  return { dir, args: ["--dag", dag, "--config", config, "--interfaces", interfaces, "--workspace", ws], ws };
}

describe("the workspace owns what it writes, and nothing else", () => {
  it("--output to a folder holding the user's files is refused, and the files stay", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    const mine = join(p.dir, "mine");
    mkdirSync(mine);
    writeFileSync(join(mine, "thesis.txt"), "do not delete");
    const result = await cli(["run", ...toyArgs(p), "--output", `A.data=${mine}`]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("holds files cursus-lab did not put there (thesis.txt)");
    expect(listing(mine)).toEqual(["thesis.txt"]);
  });

  it("--output to an empty folder receives a copy after success, and later runs replace only that copy", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    const out = join(p.dir, "results");
    expect((await cli(["run", ...toyArgs(p), "--output", `A.data=${out}`])).exitCode).toBe(0);
    expect(listing(out)).toEqual([".cursus-lab-output.json", "log.csv"]);
    p.rewrite({ A: { message: "second" } });
    expect((await cli(["run", ...toyArgs(p), "--output", `A.data=${out}`])).exitCode).toBe(0);
    expect(readFileSync(join(out, "log.csv"), "utf8")).toContain("second");
    writeFileSync(join(out, "notes.txt"), "mine now");
    const refused = await cli(["run", ...toyArgs(p), "--output", `A.data=${out}`, "--force"]);
    expect(refused.exitCode).toBe(2);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine now");
  });

  it("a cursus-lab.json beside the DAG cannot point an output at the project folder", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    const project = join(p.dir, "project");
    mkdirSync(project);
    writeFileSync(join(project, "keep.txt"), "the user's work");
    const dag = join(project, "toy.dag.json");
    writeFileSync(dag, readFileSync(p.dag));
    writeFileSync(join(project, "cursus-lab.json"), JSON.stringify({ outputs: { "A.data": ".." } }));
    const before = listing(p.dir);
    const args = toyArgs(p).map((a) => (a === p.dag ? dag : a));
    const result = await cli(["run", ...args]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("outside the folder of the settings file");
    expect(listing(p.dir)).toEqual(before);
    expect(readFileSync(join(project, "keep.txt"), "utf8")).toBe("the user's work");
  });

  it("an interface output named ../../../escaped stays inside the workspace", async () => {
    const odd = oddInterface("../../../escaped");
    const result = await cli(["run", ...odd.args, "--json"]);
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(odd.dir, "escaped"))).toBe(false);
    const out = JSON.parse(result.stdout).nodes[0].outputs[0];
    expect(out.path.startsWith(odd.ws)).toBe(true);
    expect(out.shownAt.startsWith(odd.ws)).toBe(true);
  });

  it("a node named ../escape writes nothing outside the workspace", async () => {
    const odd = oddInterface("data", ["../escape"]);
    const result = await cli(["run", ...odd.args, "--json"]);
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(odd.dir, "escape"))).toBe(false);
    expect(listing(odd.dir).filter((f) => !f.startsWith("ws") && !f.startsWith("interfaces"))).toEqual(["config.json", "odd.dag.json"]);
  });

  it("a node named runs/latest does not break later runs, and nodes x and x/output/out keep their own outputs", async () => {
    const odd = oddInterface("out", ["runs/latest", "x", "x/output/out"]);
    const first = await cli(["run", ...odd.args, "--json"]);
    expect(first.exitCode).toBe(0);
    const second = await cli(["run", ...odd.args, "--json"]);
    expect(second.exitCode).toBe(0);
    const nodes = JSON.parse(second.stdout).nodes as { name: string; cache: string; outputs: { shownAt: string }[] }[];
    expect(nodes.map((n) => n.cache)).toEqual(["hit", "hit", "hit"]);
    const shown = nodes.map((n) => n.outputs[0]!.shownAt);
    expect(new Set(shown).size).toBe(3);
    for (const dir of shown) expect(JSON.parse(readFileSync(join(dir, "written.json"), "utf8"))).toMatchObject({ inputs: [] });
  });
});
