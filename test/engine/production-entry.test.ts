import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import type { NodeRecord, RunRecord } from "../../src/results/run-record.js";

const FIDELITY = resolve("test/fixtures/fidelity");

/** A one-node pipeline of a fidelity fixture step, with its scripts copied so a test may edit them. */
function pipeline(step: string, entryPoint: string, fields: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "cursus-lab-entry-"));
  const scripts = join(dir, "scripts");
  cpSync(join(FIDELITY, "scripts"), scripts, { recursive: true });
  const data = join(dir, "data");
  mkdirSync(data);
  writeFileSync(join(data, "part-0.csv"), "a,b\n1,2\n");
  writeFileSync(join(dir, "p.dag.json"), JSON.stringify({ dag: { nodes: [step], edges: [] } }));
  const specific = { [step]: { __model_type__: `${step}Config`, processing_entry_point: entryPoint, job_type: "training", ...fields } };
  writeFileSync(join(dir, "config.json"), JSON.stringify({ configuration: { shared: { processing_source_dir: scripts }, specific }, metadata: {} }));
  const args = ["--dag", join(dir, "p.dag.json"), "--config", join(dir, "config.json"), "--interfaces", join(FIDELITY, "interfaces"), "--workspace", join(dir, "ws")];
  const run = async (extra: string[], env: Record<string, string> = {}) => {
    const result = await execa("node", ["bin/cursus-lab.js", "run", ...args, ...extra, "--json"], { reject: false, env: { NO_COLOR: "1", ...env } });
    if (result.exitCode === 2) throw new Error(result.stderr);
    return JSON.parse(result.stdout) as RunRecord;
  };
  return { dir, scripts, data, run };
}

const only = (record: RunRecord): NodeRecord => record.nodes[0]!;
const outputFile = (node: NodeRecord, file: string): string => {
  if (node.status !== "succeeded") throw new Error(`${node.name} ${node.status}: ${node.status === "failed" ? node.error.message : ""}`);
  return readFileSync(join(node.outputs[0]!.path, file), "utf8").trim();
};

describe("the production entry runs the script's own __main__", () => {
  it("a script whose __main__ names its outputs differently from its interface runs, where main() cannot", async () => {
    const p = pipeline("PayloadLike", "payload_like.py");
    const production = only(await p.run(["--entry", "script"]));
    expect(production).toMatchObject({ status: "succeeded", entry: "script" });
    // Nothing is connected to custom_payload_input: as in SageMaker, the folder does not exist.
    expect(outputFile(production, "payload.txt")).toBe("generated");
    const called = only(await p.run(["--entry", "main"]));
    expect(called).toMatchObject({ status: "failed", entry: "main", error: { message: "KeyError: 'Missing required output path: output_dir'", hint: expect.stringContaining("--entry script") } });
  });

  it("an optional input with nothing connected is passed by key but has no folder, in both modes", async () => {
    const p = pipeline("OptionalIndexer", "optional_indexer.py");
    for (const entry of ["script", "main"]) {
      const node = only(await p.run(["--entry", entry, "--input", `OptionalIndexer.DATA=${p.data}`]));
      expect(outputFile(node, "seen.txt")).toBe("shards=1 signature=False helper=1");
    }
  });

  const planted = "/tmp/cursus_lab_scratch_fixture";
  afterAll(() => rmSync(planted, { recursive: true, force: true }));

  it("a script that works under /tmp sees a private /tmp, not another run's leftovers", async () => {
    mkdirSync(planted, { recursive: true });
    writeFileSync(join(planted, "stray.txt"), "left by someone else");
    const p = pipeline("ScratchUser", "scratch_user.py");
    const node = only(await p.run(["--entry", "script"]));
    expect(outputFile(node, "model.txt")).toBe("model");
    expect(existsSync(join(node.status === "succeeded" ? node.outputs[0]!.path : "", "stray.txt"))).toBe(false);
    expect(outputFile(node, "tempdir.txt")).toBe("/tmp");
    const main = only(await p.run(["--entry", "main"]));
    expect(outputFile(main, "tempdir.txt")).toContain(join("ws", "runs"));
  });
});

describe("the fingerprint covers what the script can import", () => {
  it("reruns after PYTHONPATH changes, and after a module beside the script is edited", async () => {
    const p = pipeline("OptionalIndexer", "optional_indexer.py");
    const args = ["--input", `OptionalIndexer.DATA=${p.data}`];
    expect(only(await p.run(args)).cache).toBe("miss");
    expect(only(await p.run(args)).cache).toBe("hit");
    const moved = only(await p.run(args, { PYTHONPATH: p.dir }));
    expect(moved.cache).toBe("miss");
    expect(moved.cacheReason).toContain("interpreter changed");
    writeFileSync(join(p.scripts, "helper_module.py"), 'VERSION = "2"\n');
    const edited = only(await p.run(args, { PYTHONPATH: p.dir }));
    expect(edited).toMatchObject({ cache: "miss", cacheReason: "a module beside the script changed" });
    expect(outputFile(edited, "seen.txt")).toContain("helper=2");
    // A namespace package (no __init__.py) is importable too, so it counts.
    mkdirSync(join(p.scripts, "utils"));
    writeFileSync(join(p.scripts, "utils", "extra.py"), "X = 1\n");
    expect(only(await p.run(args, { PYTHONPATH: p.dir }))).toMatchObject({ cache: "miss", cacheReason: "a module beside the script changed" });
  });
});
