import fs, { mkdtempSync, writeFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import { ConsultLog, pathState, readingOf, withConsults } from "../../src/io/consults.js";
import { TOY, toyPipeline } from "../runner/toy-pipeline.js";

/** Every path the file system is asked about while `fn` runs, whoever asks. */
async function traced<T>(fn: () => Promise<T>): Promise<{ result: T; paths: Set<string> }> {
  const paths = new Set<string>();
  const names = ["statSync", "lstatSync", "readFileSync", "readdirSync", "existsSync", "readlinkSync", "realpathSync", "accessSync", "openSync", "opendirSync"] as const;
  const table = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map(names.map((n) => [n, table[n]!]));
  for (const name of names) {
    const original = originals.get(name)!;
    table[name] = (...args: unknown[]) => {
      if (typeof args[0] === "string") paths.add(resolve(args[0]));
      return original(...args);
    };
  }
  syncBuiltinESMExports();
  try {
    return { result: await fn(), paths };
  } finally {
    for (const [name, original] of originals) table[name] = original;
    syncBuiltinESMExports();
  }
}

describe("the consults of a run that reuses every node", () => {
  it("note every path its decisions were read from: all else it asks about is its own bookkeeping", async () => {
    const p = toyPipeline([{ name: "A" }, { name: "B" }, { name: "C" }], [["A", "B"], ["A", "C"]]);
    const data = mkdtempSync(join(tmpdir(), "cursus-lab-consults-"));
    writeFileSync(join(data, "rows.txt"), "aaaa\n");
    const run = () => {
      const factory = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
      factory.configureScriptTesting("A", { inputs: { data } });
      return factory.executeDagGuidedTesting({ entry: "main" });
    };
    await run();
    const log = new ConsultLog();
    const { result, paths } = await traced(() => withConsults(log, run));
    expect(result.counts.cached).toBe(3);
    // The trace sees what the loaders and the engine read.
    for (const file of [p.dag, p.config, join(TOY, "scripts", "toy.py")]) expect(paths.has(resolve(file))).toBe(true);

    const ws = resolve(p.workspace);
    const under = (dir: string) => (path: string) => path === dir || path.startsWith(dir + sep);
    // Asked about, but not what a node's decision is made of: where this run writes, the workspace's
    // own memos (each answers only what its key vouches for), its folders checked for planted links,
    // and the machine itself.
    const bookkeeping = [
      under(join(ws, "runs")),
      under(join(ws, "store", ".trash")),
      (path: string) => [ws, join(ws, "store"), join(ws, "cache"), join(ws, "cache", "latest"), join(ws, "cache", "digests.json"), join(ws, "cache", "interpreters.json"), join(ws, "cache", "sandbox.json"), join(ws, "cache", "preload.json")].includes(path),
      (path: string) => ["A", "B", "C"].some((n) => [join(ws, n), join(ws, n, "output"), join(ws, n, "input")].includes(path)),
      under("/proc"),
      under(join(process.env["XDG_CACHE_HOME"] ?? join(process.env["HOME"] ?? "/root", ".cache"), "cursus-lab")),
      under(resolve("node_modules")),
      (path: string) => path === resolve("package.json") || path === resolve(".") || path === "/",
    ];
    const unexplained = [...paths].filter((path) => !log.paths.has(path) && !bookkeeping.some((allowed) => allowed(path)));
    expect(unexplained).toEqual([]);
    // And each noted state is what the path is now.
    for (const [path, state] of log.paths) expect(pathState(path, readingOf(state)).state).toBe(state);
  });

  it("make a log unsettled when a path was stamped too recently to trust", () => {
    const dir = mkdtempSync(join(tmpdir(), "cursus-lab-consults-"));
    const file = join(dir, "f.txt");
    writeFileSync(file, "a");
    const log = new ConsultLog();
    log.note(file);
    // Written just now: a second write within the file system's clock tick would look the same to stat.
    expect(log.unsettled()).toContain(file);
    const later = new ConsultLog(() => Date.now() + 60_000);
    later.note(file);
    expect(later.unsettled()).toBeUndefined();
  });

  it("keep the state a path had when it was first read, and make a log unsettled once it changed", () => {
    const dir = mkdtempSync(join(tmpdir(), "cursus-lab-consults-"));
    writeFileSync(join(dir, "f.txt"), "a");
    const log = new ConsultLog(() => Date.now() + 60_000);
    log.note(dir);
    const read = log.paths.get(dir);
    writeFileSync(join(dir, "g.txt"), "b");
    log.note(dir);
    expect(log.paths.get(dir)).toBe(read);
    expect(pathState(dir).state).not.toBe(read);
    // Nor is the run remembered: it may have made the path again itself (a view link).
    expect(log.unsettled()).toContain(dir);
  });

  it("count a link's target once the link is also read through, and no other link in its place", () => {
    const dir = mkdtempSync(join(tmpdir(), "cursus-lab-consults-"));
    fs.mkdirSync(join(dir, "target"));
    fs.symlinkSync("target", join(dir, "link"));
    const log = new ConsultLog(() => Date.now() + 60_000);
    log.note(join(dir, "link"), "link");
    log.note(join(dir, "link"));
    expect(log.paths.get(join(dir, "link"))).toMatch(/^l:.*>d:/);
    expect(log.unsettled()).toBeUndefined();
    // The target's listing is part of the state now: a file added to it fails the next check.
    writeFileSync(join(dir, "target", "new.txt"), "b");
    expect(pathState(join(dir, "link")).state).not.toBe(log.paths.get(join(dir, "link")));
    // Read first as a link alone, then read through after it was pointed elsewhere: not the link first read.
    const moved = new ConsultLog(() => Date.now() + 60_000);
    moved.note(join(dir, "link"), "link");
    fs.mkdirSync(join(dir, "other"));
    fs.symlinkSync("other", join(dir, "link.next"));
    fs.renameSync(join(dir, "link.next"), join(dir, "link"));
    moved.note(join(dir, "link"));
    expect(moved.unsettled()).toContain(join(dir, "link"));
  });
});
