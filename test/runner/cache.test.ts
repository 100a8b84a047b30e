import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import type { RunRecord } from "../../src/results/run-record.js";
import { TOY, toyPipeline } from "./toy-pipeline.js";

const view = (run: RunRecord) => Object.fromEntries(run.nodes.map((n) => [n.name, `${n.cache}: ${n.cacheReason}`]));

describe("the cache", () => {
  const p = toyPipeline([{ name: "A" }, { name: "B" }, { name: "C" }, { name: "X" }], [["A", "B"], ["B", "C"]]);
  const make = () => createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });

  it("reruns only the changed node and its descendants, saying what changed", async () => {
    const first = await make().executeDagGuidedTesting();
    expect(first.counts).toMatchObject({ succeeded: 4, cached: 0 });

    const second = await make().executeDagGuidedTesting();
    expect(second.counts).toMatchObject({ succeeded: 4, cached: 4 });
    expect(view(second)["A"]).toBe(`hit: unchanged since run ${first.runId}`);

    const factory = make();
    factory.configureScriptTesting("B", { env: { MESSAGE: "changed" } });
    const third = await factory.executeDagGuidedTesting();
    expect(view(third)).toEqual({
      A: `hit: unchanged since run ${first.runId}`,
      B: "miss: env MESSAGE changed",
      C: "miss: input data changed",
      X: `hit: unchanged since run ${first.runId}`,
    });
  });

  it("runs everything with force, and notices an output edited or deleted by hand", async () => {
    const forced = await make().executeDagGuidedTesting({ force: true });
    expect(forced.nodes.every((n) => n.cache === "miss" && n.cacheReason.startsWith("--force"))).toBe(true);
    rmSync(join(p.workspace, "X", "output", "data", "log.csv"));
    const after = await make().executeDagGuidedTesting();
    expect(view(after)["X"]).toBe("miss: output data was changed after its run");
    expect(existsSync(join(p.workspace, "X", "output", "data", "log.csv"))).toBe(true);

    // The workspace folder is only a link to the stored result: removing it loses nothing.
    rmSync(join(p.workspace, "X", "output", "data"), { recursive: true });
    const relinked = await make().executeDagGuidedTesting();
    expect(view(relinked)["X"]).toBe(`hit: unchanged since run ${after.runId}`);
    expect(existsSync(join(p.workspace, "X", "output", "data", "log.csv"))).toBe(true);
  });

  it("keeps apart nodes whose names match the cache's own files", async () => {
    const odd = toyPipeline([{ name: "file-hashes" }, { name: "nodes" }], [["file-hashes", "nodes"]]);
    const factory = () => createFactory({ dag: odd.dag, config: odd.config, interfacesDirs: [join(TOY, "interfaces")], workspace: odd.workspace });
    const first = await factory().executeDagGuidedTesting();
    expect(first.counts).toMatchObject({ succeeded: 2, cached: 0 });
    const second = await factory().executeDagGuidedTesting();
    expect(view(second)).toEqual({ "file-hashes": `hit: unchanged since run ${first.runId}`, nodes: `hit: unchanged since run ${first.runId}` });
  });
});
