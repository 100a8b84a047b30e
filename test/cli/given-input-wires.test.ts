import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, toyArgs, toyPipeline } from "../runner/toy-pipeline.js";

interface WireShown {
  node?: string;
  input: string;
  fromNode?: string;
  from?: { node: string; output: string };
}

/** A real toy pipeline A -> B, B's `data` wired from A, run by the built CLI. */
describe("an input given a path is not wired from upstream", () => {
  const p = toyPipeline([{ name: "A" }, { name: "B" }], [["A", "B"]]);
  const given = join(p.dir, "given");
  mkdirSync(given);
  writeFileSync(join(given, "data.txt"), "given by hand\n");
  const override = ["--input", `B.data=${given}`];
  afterAll(() => rmSync(p.dir, { recursive: true, force: true }));

  const planOf = async (...more: string[]): Promise<{ name: string; decision: string; wires: WireShown[] }[]> => {
    const result = await cli(["plan", "--json", ...toyArgs(p), ...more]);
    expect(result.exitCode, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as { nodes: { name: string; decision: string; wires: WireShown[] }[] }).nodes;
  };

  it("the plan lists B's wire from A, and none once B's input is given", async () => {
    const wired = (await planOf()).find((n) => n.name === "B")!;
    expect(wired.wires.map((w) => [w.input, w.from?.node])).toEqual([["data", "A"]]);
    const overridden = (await planOf(...override)).find((n) => n.name === "B")!;
    expect(overridden.wires).toEqual([]);
  }, 60_000);

  it("the run record lists no wire for it, and B read the given folder", async () => {
    const result = await cli(["run", "--json", ...toyArgs(p), ...override, "--entry", "main"]);
    expect(result.exitCode, result.stderr).toBe(0);
    const record = JSON.parse(result.stdout) as { runDir: string; wires: WireShown[]; nodes: { name: string; inputs: Record<string, string> }[] };
    expect(record.wires).toEqual([]);
    const onDisk = JSON.parse(readFileSync(join(record.runDir, "run.json"), "utf8")) as { wires: WireShown[] };
    expect(onDisk.wires).toEqual([]);
    expect(record.nodes.find((n) => n.name === "B")!.inputs["data"]).toBe(given);
  }, 60_000);

  it("the requirements of B list no wire for it when a settings file gives it", async () => {
    const settings = join(p.dir, "settings", "cursus-lab.json");
    mkdirSync(join(p.dir, "settings"));
    writeFileSync(settings, JSON.stringify({ inputs: { "B.data": given } }));
    const result = await cli(["requirements", "B", "--json", ...toyArgs(p), "--settings", settings]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { wires: WireShown[] }).wires).toEqual([]);
  }, 60_000);

  it("plans to reuse B when only A must run again, as the run then does", async () => {
    expect((await cli(["run", ...toyArgs(p), ...override, "--entry", "main"])).exitCode).toBe(0);
    p.rewrite({ A: { message: "A, changed" } });
    const decisions = Object.fromEntries((await planOf(...override, "--entry", "main")).map((n) => [n.name, n.decision]));
    expect(decisions).toEqual({ A: "run", B: "reuse" });
    const result = await cli(["run", "--json", ...toyArgs(p), ...override, "--entry", "main"]);
    const record = JSON.parse(result.stdout) as { nodes: { name: string; cache: string }[] };
    expect(Object.fromEntries(record.nodes.map((n) => [n.name, n.cache]))).toEqual({ A: "miss", B: "hit" });
  }, 60_000);
});
