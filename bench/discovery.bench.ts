/**
 * Discovery benchmark: createFactory (load DAG + config + catalog, discovery, requirements, wiring) plus
 * getScriptTestingRequirements for every script node, on generated pipelines of N nodes.
 * Run: npx tsx bench/discovery.bench.ts   (not part of the test suite)
 *      npx tsx bench/discovery.bench.ts --phantom-chains   (phantoms mid-graph: see generate-pipeline.ts)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createFactory } from "../src/factory/testing-factory.js";
import { generate, type Generated } from "./generate-pipeline.js";

const SIZES = [100, 1000, 10_000];
const phantomChains = process.argv.includes("--phantom-chains");
const RUNS = 5;
const TARGET_MS_AT_1K = 200;

function once(g: Generated, workspace: string): number {
  const start = performance.now();
  const factory = createFactory({ dag: g.dag, config: g.config, settings: false, workspace });
  let count = 0;
  for (const node of factory.getScriptsRequiringTesting()) {
    factory.getScriptTestingRequirements(node.name);
    count++;
  }
  const elapsed = performance.now() - start;
  if (count !== g.scriptNodes || factory.discovery.summary.errors !== 0) {
    throw new Error(`expected ${g.scriptNodes} script nodes and no errors, got ${count} and ${factory.discovery.summary.errors} errors`);
  }
  return elapsed;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const root = mkdtempSync(join(tmpdir(), "cursus-lab-bench-"));
try {
  const rows: { n: number; ms: number }[] = [];
  for (const n of SIZES) {
    const dir = join(root, `n${n}`);
    const generated = generate(n, dir, { phantomChains });
    once(generated, join(dir, "ws")); // warm-up: JIT, module loading, file cache
    const times = Array.from({ length: RUNS }, () => once(generated, join(dir, "ws")));
    rows.push({ n, ms: median(times) });
  }
  const pad = (s: string, w: number): string => s.padStart(w);
  console.log(`discovery benchmark: createFactory + getScriptTestingRequirements for every script node; median of ${RUNS} runs after a warm-up${phantomChains ? "; phantoms mid-graph" : ""}`);
  console.log(`${pad("N", 7)} ${pad("median ms", 11)} ${pad("ms/node", 9)}`);
  for (const { n, ms } of rows) console.log(`${pad(String(n), 7)} ${pad(ms.toFixed(1), 11)} ${pad((ms / n).toFixed(4), 9)}`);
  const at = (n: number): number => rows.find((r) => r.n === n)!.ms;
  console.log(`growth 1k/100: ${(at(1000) / at(100)).toFixed(2)}   10k/1k: ${(at(10_000) / at(1000)).toFixed(2)}   (near-linear is about 10)`);
  console.log(`N=1000: ${at(1000).toFixed(1)} ms, target < ${TARGET_MS_AT_1K} ms: ${at(1000) < TARGET_MS_AT_1K ? "met" : "MISSED"}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
