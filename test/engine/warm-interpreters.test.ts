import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import { runRecordSchema, type NodeRecord, type RunRecord } from "../../src/results/run-record.js";
import { ReactiveRun } from "../../src/schedule/reactive-run.js";
import { demoConfig, demoDag } from "../helpers/fixtures.js";
import { processesMentioning } from "../helpers/processes.js";
import { TOY, toyArgs, toyPipeline } from "../runner/toy-pipeline.js";

async function run(args: readonly string[], env: Record<string, string> = {}): Promise<RunRecord> {
  const result = await execa("node", ["bin/cursus-lab.js", "run", ...args, "--json"], { reject: false, env: { NO_COLOR: "1", ...env } });
  if (result.exitCode === 2) throw new Error(result.stderr);
  return runRecordSchema.parse(JSON.parse(result.stdout));
}

/** Every output file's bytes, by node, output and path inside the output. */
function outputBytes(record: RunRecord): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const node of record.nodes) {
    if (node.status !== "succeeded") throw new Error(`${node.name} ${node.status}`);
    for (const output of node.outputs) {
      for (const rel of readdirSync(output.path, { recursive: true }) as string[]) {
        const path = join(output.path, rel);
        if (statSync(path).isFile()) files.set(`${node.name}/${output.logicalName}/${rel}`, readFileSync(path));
      }
    }
  }
  return files;
}

const seen = (node: NodeRecord | undefined): Record<string, unknown> => {
  if (node?.status !== "succeeded") throw new Error(`${node?.name} ${node?.status}`);
  return JSON.parse(readFileSync(join(node.outputs[0]!.path, "seen.json"), "utf8")) as Record<string, unknown>;
};

describe("warm interpreters", () => {
  for (const entry of ["main", "script"]) {
    it(`the demo's outputs are byte-identical warm and cold (--entry ${entry}), every node forked from a server that preloaded what a cold run imported, or in a fresh workspace what the nodes before it imported`, async () => {
      const workspace = mkdtempSync(join(tmpdir(), "cursus-lab-warm-demo-"));
      const args = ["--dag", demoDag, "--config", demoConfig, "--workspace", workspace, "--entry", entry, "--force"];
      const cold = await run(args);
      expect(cold.status).toBe("succeeded");
      expect(cold.nodes.every((n) => n.process === undefined && n.entry === entry)).toBe(true);
      const coldFiles = outputBytes(cold);
      const learned = JSON.parse(readFileSync(join(workspace, "cache", "preload.json"), "utf8")) as { interpreters: Record<string, Record<string, string[]>> };
      expect(Object.values(learned.interpreters)[0]!["" + cold.nodes.find((n) => n.name === "XGBoostTraining")!.scriptPath]).toEqual(expect.arrayContaining(["pandas", "xgboost"]));

      const warm = await run([...args, "--warm"]);
      expect(warm.status).toBe("succeeded");
      expect(warm.nodes.map((n) => [n.name, n.entry, n.process])).toEqual(warm.nodes.map((n) => [n.name, entry, { kind: "warm" }]));
      // A fresh workspace knows nothing of earlier runs: its server imports what each node imported for the nodes after it.
      const fresh = await run(["--dag", demoDag, "--config", demoConfig, "--workspace", mkdtempSync(join(tmpdir(), "cursus-lab-warm-fresh-")), "--entry", entry, "--warm"]);
      expect(fresh.nodes.map((n) => [n.name, n.process])).toEqual(fresh.nodes.map((n) => [n.name, { kind: "warm" }]));
      expect(fresh.counts.succeeded).toBe(cold.nodes.length);
      for (const files of [outputBytes(warm), outputBytes(fresh)]) {
        expect([...files.keys()].sort()).toEqual([...coldFiles.keys()].sort());
        for (const [file, bytes] of coldFiles) expect(files.get(file)?.equals(bytes), file).toBe(true);
      }
      expect(coldFiles.size).toBeGreaterThan(5);
    });
  }

  it("a forked node has its own folder, scratch, session and empty stdin, and siblings draw different random numbers", async () => {
    const p = toyPipeline([{ name: "D1", type: "ToyDraw" }, { name: "D2", type: "ToyDraw" }], []);
    const args = [...toyArgs(p), "--entry", "main", "--force"];
    // Read after each run: both runs publish to the same store entry (same fingerprint).
    for (const flags of [[], ["--warm"]]) {
      const record = await run([...args, ...flags]);
      if (flags.length > 0) expect(record.nodes.map((n) => n.process)).toEqual([{ kind: "warm" }, { kind: "warm" }]);
      const [one, two] = [seen(record.nodes.find((n) => n.name === "D1")), seen(record.nodes.find((n) => n.name === "D2"))];
      expect(one["random"]).not.toBe(two["random"]);
      expect(one["numpy"]).not.toBe(two["numpy"]);
      const script = join(TOY, "scripts", "draw.py");
      expect(one).toMatchObject({ cwd: join(record.runDir, "nodes", "D1", "work"), tmp: join(record.runDir, "nodes", "D1", "tmp"), message: "D1", group_leader: true, argv0: script, stdin: "" });
    }
  });

  it("keeps forking through a long fan run two at a time: events made stale by an earlier one in the same batch are skipped", async () => {
    const leaves = Array.from({ length: 300 }, (_, i) => ({ name: `Leaf${i}`, type: "ToyDraw" as const }));
    const p = toyPipeline(leaves, []);
    const record = await run([...toyArgs(p), "--warm", "--jobs", "2", "--entry", "main"]);
    expect(record.status).toBe("succeeded");
    const cold = record.nodes.filter((n) => n.process?.kind !== "warm");
    expect(cold.map((n) => [n.name, n.process])).toEqual([]);
  }, 120_000);

  it("in a fresh workspace, what a node imported is preloaded for the nodes after it in that run, of its script or another", async () => {
    const p = toyPipeline([{ name: "A" }, { name: "D1", type: "ToyDraw" }, { name: "D2", type: "ToyDraw" }], [["A", "D1"], ["D1", "D2"]]);
    const record = await run([...toyArgs(p), "--warm", "--entry", "main"]);
    const drawn = record.nodes.filter((n) => n.name !== "A");
    expect(record.nodes.map((n) => [n.name, n.process?.kind])).toEqual([["A", "warm"], ["D1", "warm"], ["D2", "warm"]]);
    expect(drawn.map((n) => [n.name, seen(n)["loaded_before"]])).toEqual([
      ["D1", ["argparse"]],
      ["D2", ["argparse", "numpy"]],
    ]);
  });

  it("a warm run whose nodes are all reused starts no fork server", async () => {
    const p = toyPipeline([{ name: "A" }, { name: "B" }], [["A", "B"]]);
    const first = await run([...toyArgs(p), "--warm"]);
    expect(first.nodes.map((n) => n.process)).toEqual([{ kind: "warm" }, { kind: "warm" }]);
    expect(readdirSync(first.runDir)).toContain("fork-server");
    const again = await run([...toyArgs(p), "--warm"]);
    expect(again.counts.cached).toBe(2);
    expect(readdirSync(again.runDir)).not.toContain("fork-server");
  });

  it("falls back to cold processes, saying why, when a preloaded module left a thread running, through main() and the production entry", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    // Settings carry run options: warm and a declared preload, found beside the DAG.
    writeFileSync(join(dirname(p.dag), "cursus-lab.json"), JSON.stringify({ warm: true, preload: ["threads_at_import"] }));
    const env = { PYTHONPATH: resolve("test/fixtures/warm") };
    const unsafe = await run([...toyArgs(p), "--entry", "main"], env);
    expect(unsafe.nodes[0]).toMatchObject({ status: "succeeded", process: { kind: "cold", why: expect.stringContaining("importing threads_at_import left threads running") } });
    expect(unsafe.nodes[0]?.process).toMatchObject({ why: expect.stringContaining("started-at-import") });

    const sandboxed = await run([...toyArgs(p), "--entry", "script", "--force"], env);
    expect(sandboxed.nodes[0]).toMatchObject({ status: "succeeded", entry: "script", process: { kind: "cold", why: expect.stringContaining("importing threads_at_import left threads running") } });
  });

  for (const entry of ["main", "script"] as const) {
    it(`a live session keeps one server (entry ${entry}): an edit reruns on a fresh fork, and nothing is left once it ends`, async () => {
      const p = toyPipeline([{ name: "A" }, { name: "B" }], [["A", "B"]]);
      const factory = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
      const live = await ReactiveRun.start(factory.model, { entry, warm: true });
      try {
        const first = await live.settled();
        expect(first.get("B")).toMatchObject({ status: "succeeded", entry, process: { kind: "warm" } });
        factory.configureScriptTesting("B", { env: { MESSAGE: "edited" } });
        live.update(factory.model);
        const after = await live.settled();
        expect(after.get("B")).toMatchObject({ status: "succeeded", cache: "miss", process: { kind: "warm" } });
        expect(processesMentioning(p.dir).length).toBeGreaterThan(0);
      } finally {
        await live.dispose();
      }
      expect(processesMentioning(p.dir)).toEqual([]);
    });
  }
});
