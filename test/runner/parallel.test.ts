import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import type { NodeRecord } from "../../src/results/run-record.js";
import { TOY, toyPipeline } from "./toy-pipeline.js";

function interval(n: NodeRecord | undefined): [number, number] {
  if (n === undefined || (n.status !== "succeeded" && n.status !== "failed")) throw new Error("node did not run");
  return [Date.parse(n.startedAt), Date.parse(n.finishedAt)];
}

describe("independent branches", () => {
  const p = toyPipeline(
    [{ name: "Root" }, { name: "Left", fields: { sleep_seconds: 1.5 } }, { name: "Right", fields: { sleep_seconds: 1.5 } }, { name: "Join" }],
    [["Root", "Left"], ["Root", "Right"], ["Left", "Join"], ["Right", "Join"]],
  );
  // Left and Right offer Join's input equally well: the wire says which one feeds it.
  const run = (jobs: number) =>
    createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace, wires: ["Join.data=Left.data"] }).executeDagGuidedTesting({ jobs, force: true });

  it("overlap with --jobs 2 and do not with --jobs 1; a join waits for both", async () => {
    for (const jobs of [2, 1]) {
      const record = await run(jobs);
      const by = Object.fromEntries(record.nodes.map((n) => [n.name, n]));
      const [ls, le] = interval(by["Left"]);
      const [rs, re] = interval(by["Right"]);
      const overlap = Math.min(le, re) - Math.max(ls, rs);
      if (jobs === 2) expect(overlap).toBeGreaterThan(0);
      else expect(overlap).toBeLessThanOrEqual(0);
      const [js] = interval(by["Join"]);
      expect(js).toBeGreaterThanOrEqual(Math.max(le, re));
      expect(record.jobs).toBe(jobs);
    }
  });
});
