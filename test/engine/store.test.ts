import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { execa } from "execa";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunEvent } from "../../src/engine/run-events.js";
import { createFactory } from "../../src/factory/testing-factory.js";
import type { RunRecord } from "../../src/results/run-record.js";
import { demoConfig, demoDag } from "../helpers/fixtures.js";
import { cli, TOY, toyArgs, toyPipeline } from "../runner/toy-pipeline.js";

const byName = (run: RunRecord) => Object.fromEntries(run.nodes.map((n) => [n.name, n]));

describe("results are named by fingerprint, not by node", () => {
  it("A, then B, then A again: the third run starts no process", async () => {
    const p = toyPipeline([{ name: "N" }], []);
    const run = async (message: string) => {
      const started: string[] = [];
      const factory = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
      factory.configureScriptTesting("N", { env: { MESSAGE: message } });
      const record = await factory.executeDagGuidedTesting({}, (e: RunEvent) => void (e.type === "node-started" && started.push(e.node)));
      return { record, started };
    };
    const a = await run("A");
    expect(a.started).toEqual(["N"]);
    expect((await run("B")).started).toEqual(["N"]);
    const again = await run("A");
    expect(again.started).toEqual([]);
    expect(byName(again.record)["N"]).toMatchObject({ status: "succeeded", cache: "hit", cacheReason: `same inputs and values as run ${a.record.runId}: its result is reused` });
    expect(readFileSync(join(p.workspace, "N", "output", "data", "log.csv"), "utf8")).toContain("A,training,A");
  });

  it("two runs of one pipeline in one workspace, 0.5 s apart with different values, both succeed with their own data", async () => {
    const p = toyPipeline([{ name: "Up", fields: { sleep_seconds: 1.5 } }, { name: "Down" }], [["Up", "Down"]]);
    const start = (message: string) => cli(["run", ...toyArgs(p), "--env", `Up.MESSAGE=${message}`, "--json"]);
    const first = start("from-first");
    await new Promise((r) => setTimeout(r, 500));
    const second = start("from-second");
    const results = await Promise.all([first, second]);
    const records = results.map((r) => {
      expect(r.exitCode, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as RunRecord;
    });
    for (const [record, message, other] of [[records[0]!, "from-first", "from-second"], [records[1]!, "from-second", "from-first"]] as const) {
      const down = byName(record)["Down"]!;
      if (down.status !== "succeeded") throw new Error("Down did not succeed");
      const log = readFileSync(join(down.outputs[0]!.path, "log.csv"), "utf8");
      expect(log).toContain(message);
      expect(log).not.toContain(other);
    }
    for (const message of ["from-first", "from-second"]) {
      const again = JSON.parse((await start(message)).stdout) as RunRecord;
      expect(again.nodes.map((n) => n.cache)).toEqual(["hit", "hit"]);
    }
  });

  it("notices an input edited to the same size with its mtime put back (touch -r)", async () => {
    const p = toyPipeline([{ name: "Reader" }], []);
    const data = join(p.dir, "data");
    const file = join(data, "rows.txt");
    mkdirSync(data);
    writeFileSync(file, "aaaa\n");
    const args = [...toyArgs(p), "--input", `Reader.data=${data}`, "--json"];
    expect((await cli(["run", ...args])).exitCode).toBe(0);
    // touch -r keeps the times to the nanosecond, as a user restoring them would.
    const reference = join(p.dir, "times");
    writeFileSync(reference, "");
    await execa("touch", ["-r", file, reference]);
    writeFileSync(file, "bbbb\n");
    await execa("touch", ["-r", reference, file]);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(statSync(reference, { bigint: true }).mtimeNs);
    const again = JSON.parse((await cli(["run", ...args])).stdout) as RunRecord;
    expect(again.nodes[0]).toMatchObject({ cache: "miss", cacheReason: "input data changed" });
  });

  it("a node named with a dot (prep.v1) is wired and runs on the first try", async () => {
    const p = toyPipeline([{ name: "prep.v1" }, { name: "train.v2" }], [["prep.v1", "train.v2"]]);
    const result = await cli(["run", ...toyArgs(p), "--json"]);
    expect(result.exitCode, result.stderr).toBe(0);
    const record = JSON.parse(result.stdout) as RunRecord;
    expect(record.nodes.map((n) => n.status)).toEqual(["succeeded", "succeeded"]);
    expect(record.nodes[1]!.spec?.inputs["data"]?.from).toEqual({ node: "prep.v1", output: "data" });
  });

  it("two demo runs started 0.3 s apart in one workspace both succeed", async () => {
    const p = toyPipeline([], []);
    const start = () => cli(["run", "--dag", demoDag, "--config", demoConfig, "--workspace", p.workspace, "--json"]);
    const first = start();
    await new Promise((r) => setTimeout(r, 300));
    const results = await Promise.all([first, start()]);
    for (const r of results) expect(r.exitCode, r.stderr).toBe(0);
  });
});

describe("dotted node names in NODE.NAME options", () => {
  it("--env and --input keys are read against the node names, not split at the first dot", async () => {
    const p = toyPipeline([{ name: "prep.v1" }], []);
    const data = join(p.dir, "in");
    mkdirSync(data);
    writeFileSync(join(data, "x.txt"), "x\n");
    const result = await cli(["run", ...toyArgs(p), "--env", "prep.v1.MESSAGE=dotted", "--input", `prep.v1.data=${data}`, "--json"]);
    expect(result.exitCode, result.stderr).toBe(0);
    const node = (JSON.parse(result.stdout) as RunRecord).nodes[0]!;
    expect(node.env["MESSAGE"]).toBe("dotted");
    expect(node.inputs["data"]).toBe(data);
  });
});

describe("a reused result in the run record", () => {
  it("carries the run that produced it and how long it really took, and the record carries the DAG's edges", async () => {
    const p = toyPipeline([{ name: "A", fields: { sleep_seconds: 0.3 } }, { name: "B" }], [["A", "B"]]);
    const first = JSON.parse((await cli(["run", ...toyArgs(p), "--json"])).stdout) as RunRecord;
    const again = JSON.parse((await cli(["run", ...toyArgs(p), "--json"])).stdout) as RunRecord;
    const a = byName(again)["A"]!;
    const original = byName(first)["A"]!;
    expect(a).toMatchObject({ cache: "hit", durationMs: 0, reused: { runId: first.runId, durationMs: original.durationMs } });
    expect(again.edges).toEqual([["A", "B"]]);
  });
});
