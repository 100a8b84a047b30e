/**
 * The graphs of the comparison bench, written once per tool: a cursus DAG + config + step interfaces for
 * cursus-lab, a Makefile, a Snakefile and a shell loop, all running the very same Python files with the
 * same interpreter. Every script is both a cursus script (`main(...)`) and a standalone one
 * (`--out DIR --in NAME=DIR`, container paths when no argument is given, as the production entry runs it).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const PYTHON = "/usr/bin/python3";

/**
 * A node's value is a digest of its name, its kind and its inputs' values, so the last node of a chain depends on
 * all of them. The name (job argument --name) also keeps a fan's leaves distinct: with identical leaves a
 * content-addressed store would run one and reuse it 998 times, and --jobs would measure nothing.
 */
const SCRIPT_HEAD = `import argparse
import hashlib
import os

CONTAINER_OUTPUT = "/opt/ml/processing/output"


def read_value(folder):
    with open(os.path.join(folder, "value.txt")) as handle:
        return handle.read()


def write_value(output_paths, job_args, text):
    (target,) = output_paths.values()
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, "value.txt"), "w") as handle:
        handle.write(hashlib.sha256(f"{job_args.name}:{text}".encode()).hexdigest() + "\\n")


def standalone(container_inputs):
    # make, Snakemake and the shell loop pass folders; the production entry passes only --name and mounts them.
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=CONTAINER_OUTPUT)
    parser.add_argument("--in", dest="inputs", action="append", default=[])
    parser.add_argument("--name", required=True)
    args = parser.parse_args()
    given = dict(pair.split("=", 1) for pair in args.inputs)
    return (given or container_inputs), {"data": args.out}, argparse.Namespace(name=args.name)
`;

export const SCRIPTS: Record<string, string> = {
  "source.py": `"""Bench source node: no input; writes the digest of its kind."""
${SCRIPT_HEAD}

def main(input_paths, output_paths, environ_vars, job_args):
    write_value(output_paths, job_args, "source")


if __name__ == "__main__":
    inputs, outputs, args = standalone({})
    main(inputs, outputs, dict(os.environ), args)
`,
  "step.py": `"""Bench node with one input: writes the digest of its input's value."""
${SCRIPT_HEAD}

def main(input_paths, output_paths, environ_vars, job_args):
    (source,) = input_paths.values()
    write_value(output_paths, job_args, "step:" + read_value(source))


if __name__ == "__main__":
    inputs, outputs, args = standalone({"data": "/opt/ml/processing/input/data"})
    main(inputs, outputs, dict(os.environ), args)
`,
  "join.py": `"""Bench node with two inputs (left, right): writes the digest of both values."""
${SCRIPT_HEAD}

def main(input_paths, output_paths, environ_vars, job_args):
    write_value(output_paths, job_args, "join:" + read_value(input_paths["left"]) + read_value(input_paths["right"]))


if __name__ == "__main__":
    inputs, outputs, args = standalone({"left": "/opt/ml/processing/input/left", "right": "/opt/ml/processing/input/right"})
    main(inputs, outputs, dict(os.environ), args)
`,
  // Only cursus-lab runs this one (the data-size cases): it lists its input and writes SIZE_MB of output.
  "blob.py": `"""Bench node for data sizes: counts the files of its input, writes SIZE_MB megabytes besides value.txt."""
${SCRIPT_HEAD}

def main(input_paths, output_paths, environ_vars, job_args):
    count = sum(len(files) for _, _, files in os.walk(input_paths["data"]))
    write_value(output_paths, job_args, f"blob:{count}")
    (target,) = output_paths.values()
    block = b"0123456789abcdef" * 65536
    with open(os.path.join(target, "blob.bin"), "wb") as handle:
        for _ in range(int(environ_vars.get("SIZE_MB", "0"))):
            handle.write(block)


if __name__ == "__main__":
    inputs, outputs, args = standalone({"data": "/opt/ml/processing/input/data"})
    main(inputs, outputs, dict(os.environ), args)
`,
};

/** Step types: Left and Right run step.py too; their output names let a join's inputs be wired by name. */
interface StepType {
  readonly script: string;
  readonly inputs: readonly string[];
  readonly output: string;
  readonly env?: Record<string, string>;
}
const STEP_TYPES: Record<string, StepType> = {
  BenchSource: { script: "source.py", inputs: [], output: "data" },
  BenchStep: { script: "step.py", inputs: ["data"], output: "data" },
  BenchLeft: { script: "step.py", inputs: ["data"], output: "left" },
  BenchRight: { script: "step.py", inputs: ["data"], output: "right" },
  BenchJoin: { script: "join.py", inputs: ["left", "right"], output: "data" },
  BenchBlob: { script: "blob.py", inputs: ["data"], output: "data", env: { SIZE_MB: "0" } },
};

function interfaceYaml(stepType: string, t: StepType): string {
  const containerIn = (name: string): string => (name === "data" ? "/opt/ml/processing/input/data" : `/opt/ml/processing/input/${name}`);
  const inputs = t.inputs.map((name) => `    ${name}:\n      path: ${containerIn(name)}\n      required: true\n`).join("");
  const deps = t.inputs.map((name) => `    ${name}:\n      semantic_keywords: [${name}]\n`).join("");
  const env = Object.entries(t.env ?? {}).map(([k, v]) => `      ${k}: "${v}"\n`).join("");
  return (
    `step_type: ${stepType}\nnode_type: internal\nregistry:\n  sagemaker_step_type: Processing\n  description: comparison bench node\n` +
    `contract:\n  entry_point: ${t.script}\n  inputs:${t.inputs.length === 0 ? " {}" : ""}\n${inputs}` +
    `  outputs:\n    ${t.output}:\n      path: /opt/ml/processing/output\n` +
    `  job_arguments:\n    - flag: --name\n      source: node_name\n` +
    `  env_vars:\n    required: []\n    optional:${env === "" ? " {}" : ""}\n${env}` +
    `spec:\n  dependencies:${deps === "" ? " {}" : ""}\n${deps}  outputs:\n    ${t.output}:\n      semantic_keywords: [${t.output}]\n`
  );
}

export interface Node {
  readonly name: string;
  readonly type: keyof typeof STEP_TYPES;
  /** [input name, upstream node] */
  readonly inputs: readonly (readonly [string, string])[];
}
export type Shape = "chain" | "fan" | "diamond";

/** chain: N0 → N1 → …; fan: one source feeding n−1 independent leaves; diamond: diamonds in a row (Src, then L/R → J repeated). */
export function shape(kind: Shape, n: number): Node[] {
  if (kind === "chain") return Array.from({ length: n }, (_, i) => (i === 0 ? { name: "N0", type: "BenchSource", inputs: [] } : { name: `N${i}`, type: "BenchStep", inputs: [["data", `N${i - 1}`]] }));
  if (kind === "fan") return [{ name: "Src", type: "BenchSource", inputs: [] }, ...Array.from({ length: n - 1 }, (_, i): Node => ({ name: `Leaf${i + 1}`, type: "BenchStep", inputs: [["data", "Src"]] }))];
  const nodes: Node[] = [{ name: "Src", type: "BenchSource", inputs: [] }];
  for (let k = 1, top = "Src"; nodes.length + 3 <= n; k++, top = `J${k - 1}`) {
    nodes.push({ name: `L${k}`, type: "BenchLeft", inputs: [["data", top]] }, { name: `R${k}`, type: "BenchRight", inputs: [["data", top]] });
    nodes.push({ name: `J${k}`, type: "BenchJoin", inputs: [["left", `L${k}`], ["right", `R${k}`]] });
  }
  return nodes;
}

/** Nodes nothing reads from: the make/Snakemake targets and what the correctness check compares. */
export const sinks = (nodes: readonly Node[]): string[] => {
  const read = new Set(nodes.flatMap((n) => n.inputs.map(([, up]) => up)));
  return nodes.filter((n) => !read.has(n.name)).map((n) => n.name);
};

export interface Generated {
  readonly dir: string;
  readonly dag: string;
  readonly config: string;
  readonly interfaces: string;
  readonly nodes: readonly Node[];
  /** folder holding out/<node>/value.txt for make, Snakemake and the shell loop */
  readonly plainDir: (tool: string) => string;
  /** one line per node, in DAG order: `script --out out/X --in name=out/Y` (relative to a plain dir) */
  readonly commands: readonly string[];
}

/** Writes the scripts, interfaces, DAG and config; plain tools get their files from `writePlain`. */
export function generate(dir: string, nodes: readonly Node[]): Generated {
  const scripts = join(dir, "scripts");
  const interfaces = join(dir, "interfaces");
  mkdirSync(scripts, { recursive: true });
  mkdirSync(interfaces, { recursive: true });
  for (const [file, text] of Object.entries(SCRIPTS)) writeFileSync(join(scripts, file), text);
  for (const [name, t] of Object.entries(STEP_TYPES)) writeFileSync(join(interfaces, `${name.toLowerCase()}.step.yaml`), interfaceYaml(name, t));
  const dag = join(dir, "pipeline.dag.json");
  const config = join(dir, "config.json");
  const edges = nodes.flatMap((n) => n.inputs.map(([, up]) => [up, n.name]));
  writeFileSync(dag, JSON.stringify({ dag: { nodes: nodes.map((n) => n.name), edges }, metadata: { name: "compare_bench" } }));
  const specific = Object.fromEntries(nodes.map((n) => [n.name, { __model_type__: `${n.type}Config`, processing_entry_point: STEP_TYPES[n.type]!.script, node_name: n.name }]));
  writeFileSync(config, JSON.stringify({ configuration: { shared: { processing_source_dir: scripts }, specific }, metadata: { config_types: {} } }));
  const commands = nodes.map((n) => [join(scripts, STEP_TYPES[n.type]!.script), "--name", n.name, "--out", `out/${n.name}`, ...n.inputs.flatMap(([k, up]) => ["--in", `${k}=out/${up}`])].join(" "));
  return { dir, dag, config, interfaces, nodes, commands, plainDir: (tool) => join(dir, tool) };
}

/** A Makefile with one explicit rule per node, the way one would write it by hand for a fixed graph. */
export function writeMakefile(g: Generated): string {
  const dir = g.plainDir("make");
  mkdirSync(dir, { recursive: true });
  const rules = g.nodes.map((n, i) => `out/${n.name}/value.txt:${n.inputs.map(([, up]) => ` out/${up}/value.txt`).join("")}\n\t${PYTHON} ${g.commands[i]}\n`);
  writeFileSync(join(dir, "Makefile"), `all:${sinks(g.nodes).map((s) => ` out/${s}/value.txt`).join("")}\n.PHONY: all\n\n${rules.join("\n")}`);
  return dir;
}

/** A Snakefile with one rule and a wildcard, reading the graph from graph.json: idiomatic for a generated graph. */
export function writeSnakefile(g: Generated): string {
  const dir = g.plainDir("snakemake");
  mkdirSync(dir, { recursive: true });
  const graph = Object.fromEntries(g.nodes.map((n, i) => [n.name, { inputs: n.inputs.map(([, up]) => up), command: g.commands[i] }]));
  writeFileSync(join(dir, "graph.json"), JSON.stringify({ nodes: graph, targets: sinks(g.nodes) }));
  writeFileSync(
    join(dir, "Snakefile"),
    `import json
import sys

# Snakemake builds its DAG by recursion, one level per dependency: a 1,000-node chain exceeds Python's default of 1,000.
sys.setrecursionlimit(max(sys.getrecursionlimit(), ${20 * g.nodes.length + 1000}))
GRAPH = json.load(open("graph.json"))
NODES = GRAPH["nodes"]

wildcard_constraints:
    name="[A-Za-z0-9]+"

rule all:
    input: [f"out/{t}/value.txt" for t in GRAPH["targets"]]

rule node:
    input: lambda wc: [f"out/{up}/value.txt" for up in NODES[wc.name]["inputs"]]
    output: "out/{name}/value.txt"
    params: command=lambda wc: NODES[wc.name]["command"]
    shell: "${PYTHON} {params.command}"
`,
  );
  return dir;
}

/** A shell script running every node once, in DAG order: what any tool must at least spend. */
export function writeShellLoop(g: Generated): string {
  const dir = g.plainDir("shell");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "loop.sh"), `set -e\ncd "$(dirname "$0")"\n${g.commands.map((c) => `${PYTHON} ${c}`).join("\n")}\n`);
  return dir;
}
