import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import { FOLD_REUSED_AFTER, FOLD_SUCCEEDED_AFTER, SHOW_SLOWEST, runSummaryText } from "../../src/views/run-summary-text.js";
import { TOY, toyPipeline } from "../runner/toy-pipeline.js";
import { rmSync } from "node:fs";

/** Real runs of a chain of toy nodes, one more than the summary lists reused nodes for. */
describe("the run summary of a long pipeline where little changed", () => {
  const count = FOLD_REUSED_AFTER + 2;
  const nodes = Array.from({ length: count }, (_, i) => ({ name: `Step${i}` }));
  const pipeline = toyPipeline(nodes, nodes.slice(1).map((n, i) => [nodes[i]!.name, n.name] as const));
  afterAll(() => rmSync(pipeline.dir, { recursive: true, force: true }));
  const factory = () => createFactory({ dag: pipeline.dag, config: pipeline.config, interfacesDirs: [join(TOY, "interfaces")], workspace: pipeline.workspace });
  const rowsOf = (text: string): string[] => text.split("\n").filter((l) => /^│ Step\d+ /.test(l));

  it("lists every node of a first run", async () => {
    const record = await factory().executeDagGuidedTesting({ jobs: 2, entry: "main" });
    expect(record.status).toBe("succeeded");
    expect(rowsOf(runSummaryText(record))).toHaveLength(count);
  }, 120_000);

  it("lists the node that ran and folds the reused ones into one line", async () => {
    const last = nodes.at(-1)!.name;
    const changed = factory();
    changed.configureScriptTesting(last, { env: { MESSAGE: "changed" } });
    const record = await changed.executeDagGuidedTesting({ jobs: 2, entry: "main" });
    expect(record.counts.cached).toBe(count - 1);
    const text = runSummaryText(record);
    expect(rowsOf(text).map((r) => r.split("│")[1]!.trim())).toEqual([last]);
    expect(text).toContain(`${count - 1} more nodes reused their stored results unchanged`);
  }, 120_000);

  it("draws no empty table when every node was reused", async () => {
    const record = await factory().executeDagGuidedTesting({ jobs: 2, entry: "main" });
    const text = runSummaryText(record);
    expect(text).not.toContain("┌");
    expect(text.split("\n")[0]).toBe(`all ${count} nodes reused their stored results unchanged (every node: --json, or run.json)`);
  }, 120_000);
});

/** A real run of more independent toy nodes than the summary lists successes for. */
describe("the run summary of a run where many nodes ran", () => {
  const count = FOLD_SUCCEEDED_AFTER + 2;
  const nodes = Array.from({ length: count }, (_, i) => ({ name: `Leaf${i}` }));
  const pipeline = toyPipeline(nodes, []);
  afterAll(() => rmSync(pipeline.dir, { recursive: true, force: true }));

  it("lists the slowest successes, and folds the rest into one line", async () => {
    const record = await createFactory({ dag: pipeline.dag, config: pipeline.config, interfacesDirs: [join(TOY, "interfaces")], workspace: pipeline.workspace }).executeDagGuidedTesting({ jobs: 2, entry: "main" });
    expect(record.counts.succeeded).toBe(count);
    const text = runSummaryText(record);
    const listed = text.split("\n").filter((l) => /^│ Leaf\d+ /.test(l)).map((r) => r.split("│")[1]!.trim());
    const slowest = [...record.nodes].sort((a, b) => b.durationMs - a.durationMs).slice(0, SHOW_SLOWEST);
    expect(new Set(listed)).toEqual(new Set(slowest.map((n) => n.name)));
    // In the record's order, not by time.
    expect(listed).toEqual(record.nodes.map((n) => n.name).filter((n) => listed.includes(n)));
    expect(text).toContain(`${count - SHOW_SLOWEST} more nodes ran and succeeded, none slower than the ${SHOW_SLOWEST} listed`);
  }, 120_000);
});
