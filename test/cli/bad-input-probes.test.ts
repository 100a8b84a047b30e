import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { demoDir, tempDir, XGBOOST_CONFIG, XGBOOST_DAG } from "../helpers/fixtures.js";
import { runCli } from "../helpers/run-cli.js";

/** A Node stack frame line: `    at fn (file:line:col)`. */
const STACK_FRAME = /^\s+at .+[:(]/m;

/** The probes of issue 11 that found a crash, a late failure or a misleading message; each fails on the code before it. */
const { dir, cleanup } = tempDir("cursus-lab-probes-");
afterAll(cleanup);
const demo = join(dir, "demo");
cpSync(demoDir, demo, { recursive: true });
const demoDag = join(demo, "pipeline.dag.json");
const demoConfigFile = join(demo, "config.json");
const workspace = join(dir, "ws");
const write = (name: string, content: string | object): string => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
};
const demoConfig = (): { configuration: { shared: Record<string, unknown>; specific: Record<string, Record<string, unknown>> }; metadata: { config_types: Record<string, string> } } =>
  JSON.parse(readFileSync(demoConfigFile, "utf8"));
/** A config beside the demo's scripts folder, so its relative source dirs resolve. */
const writeDemoConfig = (name: string, config: object | string): string => {
  const file = join(demo, name);
  writeFileSync(file, typeof config === "string" ? config : JSON.stringify(config));
  return file;
};
const settings = (name: string, env: Record<string, unknown>): string =>
  writeDemoConfig(name, { inputs: { "TabularPreprocessing_training.DATA": "data/training", "TabularPreprocessing_calibration.DATA": "data/calibration" }, interfaces: ["interfaces"], env });
const onDemo = (command: string, ...more: string[]): string[] => [command, "--dag", demoDag, "--config", demoConfigFile, "--workspace", workspace, ...more];

interface Probe {
  readonly name: string;
  readonly args: () => string[];
  readonly says: readonly string[];
}

const PROBES: readonly Probe[] = [
  {
    name: "a config nested 100k levels deep",
    args: () => ["discover", "--dag", XGBOOST_DAG, "--config", write("deep.config.json", `{"configuration": {"shared": {"x": ${"[".repeat(100_000)}${"]".repeat(100_000)}}, "specific": {}}}`)],
    says: ["deep.config.json nests arrays or objects more than 1000 levels deep (line 1, column"],
  },
  {
    name: "a self-loop edge",
    args: () => ["discover", "--dag", write("self-loop.dag.json", { nodes: ["A", "B"], edges: [["B", "B"]] }), "--config", XGBOOST_CONFIG],
    says: ["self-loop.dag.json: the DAG has a cycle: B -> B"],
  },
  {
    name: "--timeout beyond what a timer can wait",
    args: () => onDemo("run", "--timeout", "3000000"),
    says: ["--timeout 3000000 is longer than the 2147483 seconds (about 24.8 days) a timer can wait"],
  },
  {
    name: '"processing_entry_point": 5',
    args: () => {
      const config = demoConfig();
      config.configuration.specific["Package"]!["processing_entry_point"] = 5;
      return ["run", "--dag", demoDag, "--config", writeDemoConfig("entry-5.json", config), "--workspace", workspace];
    },
    says: ['node "Package": configuration.specific.Package.processing_entry_point is 5, not a script file name', "Set processing_entry_point of \"Package\""],
  },
  {
    name: "a NUL in an env name from cursus-lab.json",
    args: () => onDemo("run", "--settings", settings("nul.json", { "Package.BAD\u0000NAME": "1" })),
    says: ["nul.json has 1 problem", 'Package: env var name "BAD\\u0000NAME" holds a NUL character'],
  },
  {
    name: "an = in an env name from cursus-lab.json",
    args: () => onDemo("run", "--settings", settings("equals.json", { "Package.A=B": "1" })),
    says: ["equals.json has 1 problem", 'Package: env var name "A=B" holds "="'],
  },
  {
    name: "env names with a space and a tab",
    args: () => onDemo("run", "--settings", settings("spaces.json", { "Package.A B": "1", "Package.C\tD": "2" })),
    says: ["spaces.json has 2 problems", 'env var name "A B" holds a space, tab or line break', 'env var name "C\\tD" holds a space'],
  },
  {
    name: "a NUL in an env value from cursus-lab.json",
    args: () => onDemo("run", "--settings", settings("nul-value.json", { "Package.EXTRA": "a\u0000b" })),
    says: ["nul-value.json has 1 problem", "Package: the value of env EXTRA (override) holds a NUL character, which no process can receive"],
  },
  {
    name: "--only naming a phantom",
    args: () => onDemo("run", "--only", "Registration"),
    says: ["the selection holds no script node: Registration is a phantom (Registration runs as a SageMaker MimsModelRegistrationProcessing step"],
  },
  {
    name: "a NUL in a node name",
    args: () => ["discover", "--dag", write("nul-node.dag.json", { nodes: ["a\u0000b"], edges: [] }), "--config", XGBOOST_CONFIG],
    says: ["nul-node.dag.json is not a DAG file", "nodes[0]: node names must not hold control characters"],
  },
];

describe("bad input found by probing: named, exit 2, no stack trace", () => {
  it.each(PROBES)("$name", ({ args, says }) => {
    const result = runCli(args());
    for (const fragment of says) expect(result.stderr).toContain(fragment);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it("a --python that hangs is reported within 5 s", () => {
    const hang = join(dir, "hang.sh");
    writeFileSync(hang, "#!/bin/sh\nsleep 1000\n", { mode: 0o755 });
    const started = Date.now();
    const result = runCli(onDemo("run", "--python", hang));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`the Python interpreter "${hang}" cannot be used (it did not answer within 2 s)`);
  });

  it("config keys constructor, hasOwnProperty and __proto__ are config keys, not Object.prototype's members", () => {
    const names = ["constructor", "hasOwnProperty", "__proto__"];
    const dag = write("proto.dag.json", { nodes: names, edges: [] });
    const blocks = names.map((n) => `"${n}": {"processing_entry_point": "x.py"}`).join(", ");
    const config = write("proto.config.json", `{"configuration": {"shared": {}, "specific": {${blocks}}}, "metadata": {"config_types": {}}}`);
    const result = runCli(["discover", "--json", "--dag", dag, "--config", config]);
    expect(result.stderr).not.toContain("internal error");
    const out = JSON.parse(result.stdout) as { nodes: { name: string; configKey: string; reasonCode: string }[] };
    expect(out.nodes.map((n) => [n.name, n.configKey, n.reasonCode])).toEqual(names.map((n) => [n, n, "script-not-found"]));
  });

  it("20-digit integers and 1e999 from cursus-lab.json reach the spec as written", () => {
    const file = writeDemoConfig("numbers.json", `{"inputs": {"TabularPreprocessing_training.DATA": "data/training", "TabularPreprocessing_calibration.DATA": "data/calibration"}, "interfaces": ["interfaces"],
      "env": {"TabularPreprocessing_training.TRAIN_RATIO": 12345678901234567891, "TabularPreprocessing_training.TEST_VAL_RATIO": 1e999}}`);
    const result = runCli(onDemo("requirements", "TabularPreprocessing_training", "--json", "--settings", file));
    expect(result.code).toBe(0);
    const { spec } = JSON.parse(result.stdout) as { spec: { env: Record<string, { value: string; source: string }> } };
    expect(spec.env["TRAIN_RATIO"]).toEqual({ value: "12345678901234567891", source: "override" });
    expect(spec.env["TEST_VAL_RATIO"]).toEqual({ value: "1e999", source: "override" });
  });

  it("a node name of 300 characters plans and runs: it becomes a capped path segment", () => {
    const long = `T${"x".repeat(299)}`;
    const config = demoConfig();
    config.configuration.specific[long] = config.configuration.specific["TabularPreprocessing_training"]!;
    const configFile = writeDemoConfig("long.config.json", config);
    const dag = writeDemoConfig("long.dag.json", { nodes: [long], edges: [] });
    const args = ["--dag", dag, "--config", configFile, "--no-settings", "--interfaces", join(demo, "interfaces"), "--input", `${long}.DATA=${join(demo, "data", "training")}`, "--workspace", workspace];
    const run = runCli(["run", ...args]);
    expect(run.stderr).not.toContain("internal error");
    expect(run.code).toBe(0);
    const plan = runCli(["plan", "--json", ...args]);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
  });
});
