import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import type { RunRecord } from "../../src/results/run-record.js";
import { processesMentioning } from "../helpers/processes.js";
import { cli, toyArgs, toyPipeline, type ToyPipeline } from "../runner/toy-pipeline.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const run = async (p: ToyPipeline, extra: readonly string[] = []) => {
  const result = await cli(["run", ...toyArgs(p), ...extra, "--json"]);
  return { exitCode: result.exitCode, stderr: result.stderr, record: result.exitCode === 2 ? undefined : (JSON.parse(result.stdout) as RunRecord) };
};
const userFolder = (p: ToyPipeline): string => {
  const dir = join(p.dir, "user");
  mkdirSync(join(dir, "data"), { recursive: true });
  writeFileSync(join(dir, "data", "thesis.txt"), "precious\n");
  return dir;
};

describe("links planted in the workspace", () => {
  it("a node's output folder replaced by a link to the user's folder: the run is refused and the folder kept", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    expect((await run(p)).exitCode).toBe(0);
    const user = userFolder(p);
    rmSync(join(p.workspace, "A", "output"), { recursive: true });
    symlinkSync(user, join(p.workspace, "A", "output"));
    const again = await run(p);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain("is a link inside the workspace");
    expect(readFileSync(join(user, "data", "thesis.txt"), "utf8")).toBe("precious\n");
  });

  it("the store's trash replaced by a link to the user's folder: nothing there is deleted", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    expect((await run(p)).exitCode).toBe(0);
    const user = userFolder(p);
    rmdirSync(join(p.workspace, "store", ".trash"));
    symlinkSync(user, join(p.workspace, "store", ".trash"));
    expect((await run(p)).exitCode).toBe(2);
    await sleep(300);
    expect(readFileSync(join(user, "data", "thesis.txt"), "utf8")).toBe("precious\n");
  });

  it("the runs folder as a link to another file system is refused, naming it", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    mkdirSync(p.workspace, { recursive: true });
    const elsewhere = join("/dev/shm", `cursus-lab-runs-${process.pid}`);
    mkdirSync(elsewhere, { recursive: true });
    symlinkSync(elsewhere, join(p.workspace, "runs"));
    const result = await run(p);
    rmSync(elsewhere, { recursive: true, force: true });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${join(p.workspace, "runs")} is a link inside the workspace`);
  });
});

describe("scripts that write where they should not", () => {
  it("through main(), a script that overwrites its input fails, and nothing computed from the changed data is kept", async () => {
    const p = toyPipeline([{ name: "A", type: "ToyPoison" }, { name: "B", type: "ToyPoison", fields: { mode: "poison" } }], [["A", "B"]]);
    const seed = join(p.dir, "seed");
    mkdirSync(seed);
    writeFileSync(join(seed, "f.txt"), "hello\n");
    const args = ["--entry", "main", "--input", `A.data=${seed}`];
    const first = (await run(p, args)).record!;
    expect(first.nodes[1]).toMatchObject({ name: "B", status: "failed", error: { kind: "input-changed" } });
    const second = (await run(p, [...args, "--env", "B.MODE=copy"])).record!;
    expect(second.nodes[0]).toMatchObject({ name: "A", cache: "miss", cacheReason: "output data was changed after its run" });
    const b = second.nodes[1]!;
    expect(b.status).toBe("succeeded");
    expect(readFileSync(join(b.status === "succeeded" ? b.outputs[0]!.path : "", "f.txt"), "utf8")).toBe("hello\n");
  });

  it("in the production entry, an input folder that holds another input is still read-only", async () => {
    const p = toyPipeline([{ name: "A", type: "ToyPoison" }, { name: "M", type: "ToyPoison" }, { name: "N", type: "ToyPoison", fields: { mode: "poison" } }], [["A", "N"], ["M", "N"]]);
    const result = await run(p, ["--entry", "script", "--wire", "N.data=A.data", "--wire", "N.model=M.data"]);
    expect(result.record?.nodes[2]).toMatchObject({ name: "N", status: "failed", error: { message: expect.stringContaining("Read-only file system") } });
    const a = result.record!.nodes[0]!;
    const stored = a.status === "succeeded" ? a.outputs[0]!.path : "";
    expect(readdirSync(stored).map((f) => readFileSync(join(stored, f), "utf8"))).toEqual(["A\n"]);
  });

  it("through main(), a script that swaps its output folder for a link to / fails cleanly", async () => {
    const p = toyPipeline([{ name: "U", type: "ToyUnruly", fields: { mode: "link-output" } }], []);
    const result = await run(p, ["--entry", "main"]);
    expect(result.record?.nodes[0]).toMatchObject({ status: "failed", error: { message: "declared output data is no longer a folder: the script removed it or replaced it with a link" } });
  });

  it("--force stores the result it computed, so a change the fingerprint cannot see is picked up", async () => {
    const p = toyPipeline([{ name: "A", type: "ToyPoison" }], []);
    const seed = join(p.dir, "seed");
    mkdirSync(seed);
    writeFileSync(join(seed, "f.txt"), "one\n");
    expect((await run(p, ["--input", `A.data=${seed}`])).exitCode).toBe(0);
    // The same input digest cannot come back with other content; the message env var stands in for a
    // data file beside the script, which the fingerprint does not cover.
    p.rewrite({ A: { message: "second" } });
    await run(p, ["--input", `A.data=${seed}`, "--env", "A.MESSAGE=", "--force"]);
    const shown = readFileSync(join(p.workspace, "A", "output", "data", "by.txt"), "utf8");
    expect(shown).toBe("\n");
  });
});

describe("processes that try to outlive the node", () => {
  it("a child started with an empty environment in a session of its own ends with a production-entry node", async () => {
    const p = toyPipeline([{ name: "U", type: "ToyUnruly", fields: { mode: "clear-env", pid_file: "" } }], []);
    p.rewrite({ U: { mode: "clear-env", pid_file: join(p.dir, "left.pid") } });
    expect((await run(p, ["--entry", "script"])).exitCode).toBe(0);
    for (let i = 0; i < 30 && processesMentioning(p.dir).length > 0; i++) await sleep(100);
    expect(processesMentioning(p.dir)).toEqual([]);
  });

  it("a script that kills all its children does not disarm the watch for kill -9 of cursus-lab", async () => {
    const p = toyPipeline([{ name: "U", type: "ToyUnruly", fields: { mode: "reaper", pid_file: "" } }], []);
    const pid = join(p.dir, "reaper.pid");
    p.rewrite({ U: { mode: "reaper", pid_file: pid } });
    const child = execa("node", ["bin/cursus-lab.js", "run", ...toyArgs(p), "--entry", "main"], { reject: false });
    for (let i = 0; i < 150 && !existsSync(pid); i++) await sleep(100);
    await sleep(200);
    child.kill("SIGKILL");
    await child;
    for (let i = 0; i < 30 && processesMentioning(p.dir).length > 0; i++) await sleep(100);
    expect(processesMentioning(p.dir)).toEqual([]);
  });

  it("a script that waits for all its children finishes, instead of waiting for cursus-lab's own watcher", async () => {
    const p = toyPipeline([{ name: "U", type: "ToyUnruly", fields: { mode: "wait-all" } }], []);
    const result = await run(p, ["--entry", "main", "--timeout", "20"]);
    expect(result.record?.nodes[0]).toMatchObject({ status: "succeeded" });
    expect(result.record!.nodes[0]!.durationMs).toBeLessThan(10_000);
  });
});

describe("output folders the user names", () => {
  it("are refused inside the workspace, as a file, or shared by two outputs", async () => {
    const p = toyPipeline([{ name: "A" }, { name: "B" }], []);
    const file = join(p.dir, "a-file");
    writeFileSync(file, "x");
    const shared = join(p.dir, "shared");
    const result = await cli(["run", ...toyArgs(p), "--output", `A.data=${join(p.workspace, "A", "output", "data")}`, "--output", `B.data=${file}`]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("which is or holds the workspace");
    expect(result.stderr).toContain("which is a file, not a folder");
    const both = await cli(["run", ...toyArgs(p), "--output", `A.data=${shared}`, "--output", `B.data=${shared}`]);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain("A.data and B.data are both set to the folder");
  });

  it("a copy cut short (kill -9 while delivering) is finished by the next run, not refused as foreign", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    const out = join(p.dir, "results");
    expect((await run(p, ["--output", `A.data=${out}`])).exitCode).toBe(0);
    // What a kill during the copy leaves: the list written first, some files not copied yet.
    const manifest = JSON.parse(readFileSync(join(out, ".cursus-lab-output.json"), "utf8"));
    writeFileSync(join(out, ".cursus-lab-output.json"), JSON.stringify({ ...manifest, fingerprint: "cut-short", complete: false, files: [...manifest.files, "more.csv"] }));
    writeFileSync(join(out, "more.csv"), "partial");
    const again = await run(p, ["--output", `A.data=${out}`]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([".cursus-lab-output.json", "log.csv"]);
  });

  it("an input folder that holds the workspace is refused: it would change with every run", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    const result = await cli(["run", ...toyArgs(p), "--input", `A.data=${p.dir}`]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("which holds the workspace");
  });
});
