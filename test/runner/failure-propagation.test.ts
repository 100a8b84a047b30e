import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import type { NodeRecord } from "../../src/results/run-record.js";
import { TOY, toyPipeline } from "./toy-pipeline.js";

const byName = (nodes: readonly NodeRecord[]) => Object.fromEntries(nodes.map((n) => [n.name, n]));

describe("a failing node", () => {
  it("skips its descendants, naming the failed ancestor, while an independent branch finishes", async () => {
    const p = toyPipeline(
      [{ name: "A" }, { name: "B", fields: { fail: true } }, { name: "C" }, { name: "E" }, { name: "D" }],
      [["A", "B"], ["B", "C"], ["C", "E"], ["A", "D"]],
    );
    const factory = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
    const run = await factory.executeDagGuidedTesting({ jobs: 2 });
    const n = byName(run.nodes);
    expect(run.status).toBe("failed");
    expect(n["A"]?.status).toBe("succeeded");
    expect(n["D"]?.status).toBe("succeeded");
    const b = n["B"]!;
    expect(b.status).toBe("failed");
    if (b.status !== "failed") return;
    expect(b.error.kind).toBe("exception");
    expect(b.error.message).toBe("RuntimeError: asked to fail (job_type=training)");
    expect(b.error.tail.join("\n")).toContain("RuntimeError: asked to fail");
    expect(n["C"]).toMatchObject({ status: "skipped", skippedBecause: "B" });
    expect(n["E"]).toMatchObject({ status: "skipped", skippedBecause: "B" });
    expect(run.counts).toEqual({ succeeded: 2, failed: 1, skipped: 2, cached: 0, interrupted: 0 });
    expect(readFileSync(b.logs!.stderr, "utf8")).toContain("Traceback");
  });

  it("keeps the outputs and cache entry of its last good run", async () => {
    const p = toyPipeline([{ name: "A" }, { name: "B" }], [["A", "B"]]);
    const make = () => createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
    const first = await make().executeDagGuidedTesting();
    expect(first.status).toBe("succeeded");
    const bOutput = join(p.workspace, "B", "output", "data", "log.csv");
    const good = readFileSync(bOutput, "utf8");

    p.rewrite({ B: { fail: true } });
    const failed = await make().executeDagGuidedTesting();
    const b = byName(failed.nodes)["B"];
    expect(b?.status).toBe("failed");
    expect(readFileSync(bOutput, "utf8")).toBe(good);
    // What the failed attempt wrote stays in its run's folder, for a look.
    const attempt = b?.status === "failed" ? b.outputs[0]?.path : undefined;
    expect(attempt?.startsWith(failed.runDir)).toBe(true);
    expect(existsSync(attempt!)).toBe(true);

    p.rewrite({});
    const again = await make().executeDagGuidedTesting();
    expect(byName(again.nodes)["B"]).toMatchObject({ status: "succeeded", cache: "hit" });
    expect(byName(again.nodes)["B"]?.cacheReason).toContain(`unchanged since run ${first.runId}`);
  });

  it("fails when a declared output stays empty", async () => {
    const p = toyPipeline([{ name: "Quiet", fields: { write_nothing: true } }], []);
    const factory = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
    const run = await factory.executeDagGuidedTesting();
    expect(run.nodes[0]).toMatchObject({ status: "failed", error: { kind: "missing-output" } });
    expect(run.nodes[0]?.status === "failed" && run.nodes[0].error.message).toContain("declared output data is empty");
  });
});
