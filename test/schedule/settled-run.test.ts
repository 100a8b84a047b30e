import { execFileSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runRecordSchema, type RunRecord } from "../../src/results/run-record.js";
import { TOY, cli, toyPipeline, toyArgs, type ToyPipeline } from "../runner/toy-pipeline.js";

interface Settled {
  readonly p: ToyPipeline;
  readonly scripts: string;
  readonly data: string;
  readonly run: (extra?: readonly string[], env?: Record<string, string>) => Promise<RunRecord>;
}

/**
 * A toy chain A → B → C with scripts and input data of its own, run until a rerun is answered from the
 * remembered run: the first run computes, the second decides every node and is remembered, the third
 * replays it. Every case below starts from that state, so a change that did not count would show.
 */
async function settledPipeline(): Promise<Settled> {
  const p = toyPipeline([{ name: "A" }, { name: "B" }, { name: "C" }], [["A", "B"], ["B", "C"]]);
  const scripts = join(p.dir, "scripts");
  mkdirSync(scripts);
  copyFileSync(join(TOY, "scripts", "toy.py"), join(scripts, "toy.py"));
  const own = { processing_source_dir: scripts };
  p.rewrite({ A: own, B: own, C: own });
  const data = join(p.dir, "data");
  mkdirSync(data);
  writeFileSync(join(data, "rows.txt"), "aaaa\n");
  const run = async (extra: readonly string[] = [], env: Record<string, string> = {}): Promise<RunRecord> => {
    const r = await cli(["run", ...toyArgs(p), "--input", `A.data=${data}`, "--json", ...extra], { env });
    if (r.exitCode !== 0) throw new Error(`run failed (${r.exitCode}): ${r.stderr}`);
    return runRecordSchema.parse(JSON.parse(r.stdout));
  };
  const first = await run();
  expect(first.counts).toMatchObject({ succeeded: 3, cached: 0 });
  const second = await run();
  expect(second.settled).toBeUndefined();
  expect(second.counts.cached).toBe(3);
  const third = await run();
  expect(third.settled?.from).toBe(second.runId);
  return { p, scripts, data, run };
}

const why = (run: RunRecord): Record<string, string> => Object.fromEntries(run.nodes.map((n) => [n.name, `${n.cache}: ${n.cacheReason}`]));

describe("a rerun with nothing changed is answered from the run that last decided every node", () => {
  it("writes a record of its own with the remembered decisions, and says so", async () => {
    const { p, run } = await settledPipeline();
    const runs = readdirSync(join(p.workspace, "runs")).filter((n) => n !== "latest").sort();
    const remembered = runRecordSchema.parse(JSON.parse(readFileSync(join(p.workspace, "runs", runs[1]!, "run.json"), "utf8")));
    const replayed = runRecordSchema.parse(JSON.parse(readFileSync(join(p.workspace, "runs", runs[2]!, "run.json"), "utf8")));
    expect(replayed.runId).not.toBe(remembered.runId);
    expect(replayed.settled).toEqual({ from: remembered.runId, paths: expect.any(Number) as number });
    // Each record says when its own run looked at the nodes; everything else is the remembered run's.
    const timeless = (r: RunRecord) => r.nodes.map((n) => ({ ...n, startedAt: undefined, finishedAt: undefined }));
    expect(timeless(replayed)).toEqual(timeless(remembered));
    expect(why(replayed)).toEqual(why(remembered));

    const text = await cli(["run", ...toyArgs(p), "--input", `A.data=${join(p.dir, "data")}`]);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain(`nothing run ${remembered.runId} read has changed`);
    // The replay is a run like any other: the next one is answered from the same remembered run.
    expect((await run()).settled?.from).toBe(remembered.runId);
  });

  const cases: [string, (s: Settled) => void, (r: RunRecord, s: Settled) => void][] = [
    ["a config value changed", (s) => s.p.rewrite({ A: { processing_source_dir: s.scripts }, B: { processing_source_dir: s.scripts, message: "changed" }, C: { processing_source_dir: s.scripts } }), (r) => {
      expect(why(r)["B"]).toBe("miss: env MESSAGE changed");
      expect(why(r)["C"]).toBe("miss: input data changed");
    }],
    ["the script edited", (s) => appendFileSync(join(s.scripts, "toy.py"), "\n# edited\n"), (r) => expect(r.nodes.every((n) => n.cache === "miss")).toBe(true)],
    ["a module put beside the script", (s) => writeFileSync(join(s.scripts, "helper.py"), "X = 1\n"), (r) => expect(r.nodes.every((n) => n.cache === "miss")).toBe(true)],
    ["an input rewritten with its size and mtime put back", (s) => {
      const file = join(s.data, "rows.txt");
      copyFileSync(file, `${file}.was`);
      execFileSync("touch", ["-r", file, `${file}.was`]);
      writeFileSync(file, "bbbb\n");
      execFileSync("touch", ["-r", `${file}.was`, file]);
      rmSync(`${file}.was`);
    }, (r) => expect(why(r)["A"]).toBe("miss: input data changed")],
    ["an output edited through its view", (s) => appendFileSync(join(s.p.workspace, "A", "output", "data", "log.csv"), "edited,,\n"), (r) => expect(why(r)["A"]).toBe("miss: output data was changed after its run")],
    ["a stored result deleted", (s) => {
      const latest = JSON.parse(readFileSync(join(s.p.workspace, "cache", "latest", "C.json"), "utf8")) as { fingerprint: string };
      rmSync(join(s.p.workspace, "store", latest.fingerprint), { recursive: true });
    }, (r) => expect(r.nodes.find((n) => n.name === "C")?.cache).toBe("miss")],
    ["a view link removed", (s) => rmSync(join(s.p.workspace, "C", "output", "data")), (r, s) => {
      expect(r.counts.cached).toBe(3);
      expect(readFileSync(join(s.p.workspace, "C", "output", "data", "log.csv"), "utf8")).toContain("C,training,C");
    }],
    ["a settings file put beside the DAG", (s) => writeFileSync(join(s.p.dir, "cursus-lab.json"), JSON.stringify({ env: { "C.MESSAGE": "from settings" } })), (r) => expect(why(r)["C"]).toBe("miss: env MESSAGE changed")],
    ["the remembered record edited", (s) => {
      const runs = readdirSync(join(s.p.workspace, "runs")).filter((n) => n !== "latest").sort();
      appendFileSync(join(s.p.workspace, "runs", runs[1]!, "run.json"), " ");
    }, (r) => expect(r.counts.cached).toBe(3)],
    ["the memo garbled", (s) => {
      const folder = join(s.p.workspace, "cache", "settled");
      for (const name of readdirSync(folder)) writeFileSync(join(folder, name), "{ not json");
    }, (r) => expect(r.counts.cached).toBe(3)],
  ];

  it.each(cases)("decides every node again after %s", async (_label, change, check) => {
    const s = await settledPipeline();
    change(s);
    const after = await s.run();
    expect(after.settled).toBeUndefined();
    check(after, s);
  });

  it("decides again when the environment differs (PYTHONPATH reaches the scripts)", async () => {
    const s = await settledPipeline();
    const after = await s.run([], { PYTHONPATH: s.scripts });
    expect(after.settled).toBeUndefined();
    expect(after.nodes.every((n) => n.cache === "miss")).toBe(true);
  });

  it("answers another request (--only A) only from a run of that request", async () => {
    const s = await settledPipeline();
    const only = await s.run(["--only", "A"]);
    expect(only.settled).toBeUndefined();
    expect(only.nodes.map((n) => n.name)).toEqual(["A"]);
    expect((await s.run(["--only", "A"])).settled?.from).toBe(only.runId);
    // The whole pipeline's remembered run is still there for its own request.
    expect((await s.run()).settled).toBeDefined();
  });

  it("makes a view link again each time it is removed: a run that made it again is not remembered", async () => {
    const s = await settledPipeline();
    const view = join(s.p.workspace, "C", "output", "data");
    for (let round = 0; round < 2; round++) {
      rmSync(view);
      const after = await s.run();
      expect(after.settled).toBeUndefined();
      expect(readFileSync(join(view, "log.csv"), "utf8")).toContain("C,training,C");
    }
    // Nothing changed since: remembered again.
    await s.run();
    expect((await s.run()).settled).toBeDefined();
  });

  it("says with --debug why a run is not remembered", async () => {
    const s = await settledPipeline();
    s.p.rewrite({ A: { processing_source_dir: s.scripts, message: "changed" }, B: { processing_source_dir: s.scripts }, C: { processing_source_dir: s.scripts } });
    const r = await cli(["run", ...toyArgs(s.p), "--input", `A.data=${s.data}`, "--debug"]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain("this run is not remembered for the next one to replay: not every node reused its stored result");
  });

  it("answers two reruns at once, each with a run folder and record of its own", async () => {
    const s = await settledPipeline();
    const [a, b] = await Promise.all([s.run(), s.run()]);
    expect(a!.settled).toBeDefined();
    expect(b!.settled).toBeDefined();
    expect(a!.runDir).not.toBe(b!.runDir);
    for (const r of [a!, b!]) expect(runRecordSchema.parse(JSON.parse(readFileSync(join(r.runDir, "run.json"), "utf8"))).runId).toBe(r.runId);
  });

  it("never answers from memory when the interpreter is a script, which picks its interpreter at each start", async () => {
    const s = await settledPipeline();
    const wrapper = join(s.p.dir, "python-wrapper");
    writeFileSync(wrapper, "#!/bin/sh\nexec /usr/bin/python3 \"$@\"\n", { mode: 0o755 });
    await s.run(["--python", wrapper]);
    await s.run(["--python", wrapper]);
    const third = await s.run(["--python", wrapper]);
    expect(third.settled).toBeUndefined();
    expect(third.counts.cached).toBe(3);
  });

  it("never replays with --force", async () => {
    const s = await settledPipeline();
    const forced = await s.run(["--force"]);
    expect(forced.settled).toBeUndefined();
    expect(forced.nodes.every((n) => n.cache === "miss")).toBe(true);
  });
});
