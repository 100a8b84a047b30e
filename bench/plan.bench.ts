/**
 * Plan benchmarks, side by side in one run:
 *  (a) planRun on the demo pipeline (7 script nodes, 3 phantoms) in a warm workspace (one run done, so
 *      every node is a store lookup), median of 5 in-process calls;
 *  (b) planRun on generated pipelines of 1k, 5k and 10k nodes (bench/generate-pipeline.ts, every input
 *      the wiring leaves open given a data folder, so no node is blocked), in a fresh workspace.
 *
 * What (b) times, each the median of 5 calls on one loaded model (loading the files and wiring is the
 * discovery benchmark's), with the 10k/1k ratio of each:
 *   - planning: the decision fold over the selected nodes, `decidePlan` (parents first: a blocked or
 *     running ancestor decides at once, else the fingerprint: script and module digests, input digests,
 *     store lookup, latest result), and the plan record sorted. It starts no process; this is the step
 *     that must stay under 50 ms at 10k nodes.
 *   - validation: `validateRun`, the node selection (--only/--from/--to, script parents inside it) with
 *     every node's spec resolved and its inputs, outputs and entry checked, before anything is decided.
 *   - preparing: `prepareRunFolders`, the workspace's link checks and the config's files written.
 *   - planRun: all of it end to end, with the interpreter check, answered from the workspace memo after
 *     the first call (no process start).
 * Run: npx tsx bench/plan.bench.ts [sizes...]   e.g. npx tsx bench/plan.bench.ts 1000 10000   (not part of the test suite)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { DecisionContext } from "../src/engine/decide-node.js";
import { checkPythonMemoised } from "../src/engine/interpreter-memo.js";
import { Store } from "../src/engine/store.js";
import { createFactory, type TestingFactory } from "../src/factory/testing-factory.js";
import { decidePlan, planRun } from "../src/schedule/plan-run.js";
import { HARNESS, prepareRunFolders } from "../src/schedule/prepare-run.js";
import { validateRun } from "../src/schedule/validate-run.js";
import { generate } from "./generate-pipeline.js";

const RUNS = 5;
const TARGET_DEMO_MS = 300;
const TARGET_PLANNING_10K_MS = 50;
const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
const demo = join(import.meta.dirname, "..", "notebooks", "demo-pipeline");

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
async function medianOf(fn: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timed(fn));
  return median(times);
}

async function demoPlan(): Promise<boolean> {
  const options = { dag: join(demo, "pipeline.dag.json"), config: join(demo, "config.json") };
  const workspace = mkdtempSync(join(tmpdir(), "cursus-lab-plan-bench-"));
  try {
    const warm = await createFactory({ ...options, workspace }).executeDagGuidedTesting();
    if (warm.status !== "succeeded") throw new Error(`the warm-up run ${warm.status}`);
    const load: number[] = [];
    const plan: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const factory = createFactory({ ...options, workspace });
      const t1 = performance.now();
      const record = await planRun(factory.model);
      const t2 = performance.now();
      if (!record.nodes.every((n) => n.decision === "reuse")) throw new Error("a warm plan should reuse every node");
      load.push(t1 - t0);
      plan.push(t2 - t1);
    }
    const own = median(plan) + median(load);
    console.log(`(a) plan of the demo (7 script nodes), warm workspace, median of ${RUNS}:`);
    console.log(`    planRun ${median(plan).toFixed(1)} ms (interpreter check from the workspace memo), loading the model first ${median(load).toFixed(1)} ms: ${own.toFixed(1)} ms (target < ${TARGET_DEMO_MS} ms)`);
    return own < TARGET_DEMO_MS;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** A generated pipeline whose open inputs read one small data folder, so every node can be decided. */
function plannable(n: number, dir: string): TestingFactory {
  const generated = generate(n, dir);
  const data = join(dir, "data");
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, "part-0.csv"), "id,label\n1,0\n");
  const factory = createFactory({ dag: generated.dag, config: generated.config, settings: false, workspace: join(dir, "ws") });
  const open: Record<string, { inputs: Record<string, string> }> = {};
  for (const { node, problems } of factory.model.pending()) {
    for (const p of problems) if (p.field.startsWith("inputs.")) (open[node] ??= { inputs: {} }).inputs[p.field.slice("inputs.".length)] = data;
  }
  factory.applyOverrides(open);
  return factory;
}

interface Row {
  readonly n: number;
  readonly nodes: number;
  readonly decided: string;
  readonly planning: number;
  readonly validation: number;
  readonly preparing: number;
  readonly total: number;
}

async function generatedPlans(sizes: readonly number[]): Promise<boolean> {
  const root = mkdtempSync(join(tmpdir(), "cursus-lab-plan-bench-"));
  const rows: Row[] = [];
  try {
    for (const n of sizes) {
      const factory = plannable(n, join(root, `n${n}`));
      const { model } = factory;
      const workspace = model.base.workspace;
      const first = await planRun(model); // warm-up: JIT, the interpreter memo, the config's files
      if (first.problems.length > 0) throw new Error(`the generated pipeline of ${n} nodes is blocked: ${first.problems[0]!.message}`);
      const validated = validateRun(model, {});
      const store = new Store(workspace);
      const ctx: DecisionContext = { store, python: await checkPythonMemoised(model.base.python, workspace), harness: { path: HARNESS, digest: await store.memo.file(HARNESS) }, entry: validated.entry, force: false };
      const counts = new Map<string, number>();
      for (const node of first.nodes) counts.set(node.decision, (counts.get(node.decision) ?? 0) + 1);
      rows.push({
        n,
        nodes: first.nodes.length,
        decided: [...counts].map(([d, c]) => `${c} ${d}`).join(", "),
        planning: await medianOf(() => decidePlan(model, validated, ctx)),
        validation: await medianOf(() => validateRun(model, {})),
        preparing: await medianOf(() => prepareRunFolders(model, validated.planned)),
        total: await medianOf(() => planRun(model)),
      });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const pad = (s: string | number, w: number): string => String(s).padStart(w);
  const f = (ms: number): string => ms.toFixed(1);
  console.log(`(b) generated pipelines, fresh workspace, median of ${RUNS} on one loaded model (ms):`);
  console.log(`${pad("N", 7)} ${pad("script nodes", 13)} ${pad("planning", 9)} ${pad("validation", 11)} ${pad("preparing", 10)} ${pad("planRun", 8)}   decisions`);
  for (const r of rows) console.log(`${pad(r.n, 7)} ${pad(r.nodes, 13)} ${pad(f(r.planning), 9)} ${pad(f(r.validation), 11)} ${pad(f(r.preparing), 10)} ${pad(f(r.total), 8)}   ${r.decided}`);
  const small = rows.find((r) => r.n === 1000) ?? rows[0];
  const big = rows.find((r) => r.n === 10_000) ?? rows.at(-1);
  if (small === undefined || big === undefined || small === big) return true;
  const ratio = (key: "planning" | "validation" | "preparing" | "total"): string => (big[key] / small[key]).toFixed(1);
  console.log(`    ${big.n}/${small.n} (${big.n / small.n}x the nodes): planning ${ratio("planning")}x, validation ${ratio("validation")}x, preparing ${ratio("preparing")}x, planRun ${ratio("total")}x`);
  if (big.n !== 10_000) return true;
  const met = big.planning < TARGET_PLANNING_10K_MS;
  console.log(`    planning at 10k: ${f(big.planning)} ms, target < ${TARGET_PLANNING_10K_MS} ms: ${met ? "met" : "MISSED"}`);
  return met;
}

const demoMet = SIZES.length > 0 ? true : await demoPlan();
const plansMet = await generatedPlans(SIZES.length > 0 ? SIZES : [1000, 5000, 10_000]);
if (!demoMet || !plansMet) process.exitCode = 1;
