import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import type { RunEvent } from "../../src/engine/run-events.js";
import type { RunOptions } from "../../src/schedule/execute-run.js";
import { TOY, toyPipeline, type ToyNode } from "../runner/toy-pipeline.js";

/** Real runs of independent clock nodes: each script writes when it started and ended. */
describe("process slots with --jobs 2", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const run = async (nodes: ToyNode[], options: RunOptions) => {
    const p = toyPipeline(nodes, []);
    dirs.push(p.dir);
    const events: { at: number; event: RunEvent }[] = [];
    const factory = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
    const record = await factory.executeDagGuidedTesting({ jobs: 2, entry: "main", ...options }, (event) => events.push({ at: Date.now(), event }));
    const clock = (node: string): { started: number; ended: number } => {
      const shown = record.nodes.find((n) => n.name === node)!;
      return JSON.parse(readFileSync(join(shown.status === "succeeded" ? (shown.outputs[0]?.shownAt ?? "") : "", "clock.json"), "utf8"));
    };
    return { record, events, clock };
  };
  const clockNodes = (count: number, fields: Record<string, unknown>): ToyNode[] => Array.from({ length: count }, (_, i) => ({ name: `Clock${i}`, type: "ToyClock", fields }));

  it("runs at most two scripts at once, with the next nodes queued behind them", async () => {
    const nodes = clockNodes(8, { sleep_seconds: 0.3 });
    const { record, clock } = await run(nodes, {});
    expect(record.counts.succeeded).toBe(8);
    const edges = nodes.flatMap((n) => {
      const { started, ended } = clock(n.name);
      return [{ at: started, step: 1 }, { at: ended, step: -1 }];
    });
    // An end before a start at the same instant: the slot was handed over, not doubled.
    edges.sort((a, b) => a.at - b.at || a.step - b.step);
    let running = 0;
    let most = 0;
    for (const e of edges) most = Math.max(most, (running += e.step));
    expect(most).toBe(2);
  }, 60_000);

  it("starts a queued node when the process ahead of it exits, before cursus-lab has settled that node", async () => {
    // The first two write many files, which cursus-lab digests and counts after their processes end.
    const nodes = [...clockNodes(2, { files: 3000 }), { name: "Next", type: "ToyClock" as const }];
    const { record, events, clock } = await run(nodes, {});
    expect(record.counts.succeeded).toBe(3);
    // By the script's own clock: the events are cursus-lab's, which hears of the start between its settling.
    const firstSettled = events.find((e) => e.event.type === "node-finished")!;
    expect(clock("Next").started * 1000).toBeLessThan(firstSettled.at);
  }, 60_000);

  it("starts a queued node in whichever slot comes free first, not only behind the process it queued at", async () => {
    // Long takes the first slot and Short the second; Next queues behind Long, and Short ends at once.
    const nodes: ToyNode[] = [
      { name: "Long", type: "ToyClock", fields: { sleep_seconds: 3 } },
      { name: "Short", type: "ToyClock" },
      { name: "Next", type: "ToyClock" },
    ];
    const { record, clock } = await run(nodes, {});
    expect(record.counts.succeeded).toBe(3);
    expect(clock("Next").started).toBeLessThan(clock("Long").ended - 2);
  }, 60_000);

  it("counts --timeout from a node's start, not from when it queued behind another", async () => {
    const { record } = await run(clockNodes(4, { sleep_seconds: 1.5 }), { timeoutSeconds: 2.5 });
    expect(record.nodes.map((n) => n.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
  }, 60_000);

  it("records a node stopped while queued as never started", async () => {
    const p = toyPipeline(clockNodes(3, { sleep_seconds: 30 }), []);
    dirs.push(p.dir);
    const stop = new AbortController();
    let started = 0;
    const factory = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
    const record = await factory.executeDagGuidedTesting({ jobs: 2, entry: "main", signal: stop.signal }, (event) => {
      if (event.type === "node-started" && ++started === 2) setTimeout(() => stop.abort(), 200);
    });
    expect(record.status).toBe("interrupted");
    expect(record.nodes.map((n) => (n.status === "interrupted" ? n.stage : n.status))).toEqual(["running", "running", "pending"]);
    expect(started).toBe(2);
  }, 60_000);
});
