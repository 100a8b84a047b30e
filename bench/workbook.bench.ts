/**
 * Workbook benchmarks on the demo pipeline, in process (the session a page or lab.live() observes):
 *  (a) edit → first status change the session reports (its cells go pending), and edit → the edited node's
 *      script started;
 *  (b) edit → final state, minus the rerun scripts' own time (their records' durations: the edited node
 *      and its one descendant run one after the other; a descendant whose inputs came out the same is a
 *      lookup), median of 5 edits that each rerun the edited node's script;
 *  (c) the session's heap after 100 edits against after 10 (edits switching between two values, so after
 *      the first two they are store lookups: this measures what the session keeps per edit).
 * Run: NODE_OPTIONS=--expose-gc npx tsx bench/workbook.bench.ts
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createFactory } from "../src/factory/testing-factory.js";
import { WorkbookSession, type SessionEvent } from "../src/workbook/workbook-session.js";

const DEMO = resolve("notebooks/demo-pipeline");
const CAL = "ModelCalibration_calibration";
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number): string => `${n.toFixed(1)} ms`;
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const workspace = mkdtempSync(join(tmpdir(), "bench-workbook-"));
  const session = await WorkbookSession.start(createFactory({ dag: join(DEMO, "pipeline.dag.json"), config: join(DEMO, "config.json"), workspace }), { jobs: 2 });
  await session.settled();

  const firstChange: number[] = [];
  const started: number[] = [];
  const own: number[] = [];
  for (let i = 0; i < 5; i++) {
    let changed: number | undefined;
    let running: number | undefined;
    const stop = session.subscribe((event: SessionEvent) => {
      if (event.type !== "cell" || event.cell.node !== CAL) return;
      changed ??= performance.now();
      if (event.cell.status === "running") running ??= performance.now();
    });
    const t0 = performance.now();
    // A value not seen before, so the edited node really runs its script.
    const outcome = session.edit({ node: CAL, kind: "env", name: "CALIBRATION_SAMPLE_POINTS", value: String(500 + i) });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    await session.settled();
    const total = performance.now() - t0;
    stop();
    const scripts = outcome.affected.reduce((sum, node) => {
      const record = session.cell(node)?.record;
      if (record === undefined || record.status === "skipped") throw new Error(`${node} has no result`);
      if (node === CAL && record.cache !== "miss") throw new Error(`${CAL} did not rerun`);
      // A descendant whose inputs came out identical is a store lookup: no script time to subtract.
      return sum + (record.cache === "miss" ? record.durationMs : 0);
    }, 0);
    firstChange.push(changed! - t0);
    started.push(running! - t0);
    own.push(total - scripts);
  }

  let after10 = 0;
  for (let i = 1; i <= 100; i++) {
    session.edit({ node: CAL, kind: "env", name: "CALIBRATION_METHOD", value: i % 2 === 0 ? "isotonic" : "platt" });
    await session.settled();
    if (i === 10) after10 = heap();
  }
  const after100 = heap();
  await session.dispose();

  console.log(`workbook bench (demo pipeline, ${CAL} edited, median of 5, jobs 2)`);
  console.log(`  edit -> first status change reported:         ${ms(median(firstChange))}`);
  console.log(`  edit -> edited node's script started:         ${ms(median(started))}`);
  console.log(`  edit -> final state minus the scripts' time:  ${ms(median(own))}  (all: ${own.map((x) => x.toFixed(0)).join(", ")} ms; target < 300 ms)`);
  console.log(`  heap after 10 edits: ${mb(after10)}, after 100 edits: ${mb(after100)} (growth ${mb(after100 - after10)} over 90 edits${gc === undefined ? "; run with --expose-gc for exact figures" : ""})`);
}

await main();
