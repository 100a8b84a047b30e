/**
 * Plan benchmark: planRun on the demo pipeline (7 script nodes, 3 phantoms) in a warm workspace (one run
 * done, so every node is a store lookup). Our own time is the plan minus the one interpreter check,
 * which starts Python and is the same for any tool. Median of 5 in-process calls.
 * Run: npx tsx bench/plan.bench.ts   (not part of the test suite)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { checkPython, defaultPython } from "../src/engine/check-python.js";
import { createFactory } from "../src/factory/testing-factory.js";
import { planRun } from "../src/schedule/plan-run.js";

const RUNS = 5;
const TARGET_OWN_MS = 300;
const demo = join(import.meta.dirname, "..", "notebooks", "demo-pipeline");
const options = { dag: join(demo, "pipeline.dag.json"), config: join(demo, "config.json") };

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const workspace = mkdtempSync(join(tmpdir(), "cursus-lab-plan-bench-"));
  try {
    const warm = await createFactory({ ...options, workspace }).executeDagGuidedTesting();
    if (warm.status !== "succeeded") throw new Error(`the warm-up run ${warm.status}`);
    const load: number[] = [];
    const plan: number[] = [];
    const python: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const factory = createFactory({ ...options, workspace });
      const t1 = performance.now();
      const record = await planRun(factory.model);
      const t2 = performance.now();
      await checkPython(defaultPython());
      const t3 = performance.now();
      if (!record.nodes.every((n) => n.decision === "reuse")) throw new Error("a warm plan should reuse every node");
      load.push(t1 - t0);
      plan.push(t2 - t1);
      python.push(t3 - t2);
    }
    const own = median(plan) - median(python);
    console.log(`plan of the demo (7 script nodes), warm workspace, median of ${RUNS}:`);
    console.log(`  planRun ${median(plan).toFixed(1)} ms, of which the interpreter check ${median(python).toFixed(1)} ms`);
    console.log(`  our own time ${own.toFixed(1)} ms (target < ${TARGET_OWN_MS} ms); loading the model first: ${median(load).toFixed(1)} ms more`);
    if (own + median(load) >= TARGET_OWN_MS) process.exitCode = 1;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

await main();
