/**
 * Runner benchmarks, measured side by side in one run on this machine:
 *  (a) overhead per node: cursus-lab running the demo's scripts (--jobs 1, --force), in each entry mode,
 *      against a shell loop running the same scripts with the same interpreter through a minimal driver;
 *  (b) a 2-branch DAG of CPU-bound scripts, --jobs 2 against --jobs 1;
 *  (c) a rerun of the demo after one env change against a full run.
 * Run: npx tsx bench/runner.bench.ts
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createFactory } from "../src/factory/testing-factory.js";
import { defaultPython } from "../src/engine/check-python.js";
import { toyPipeline, TOY } from "../test/runner/toy-pipeline.js";

const DEMO = resolve("notebooks/demo-pipeline");
const python = defaultPython();
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number): string => `${n.toFixed(0)} ms`;

const MINIMAL_DRIVER = `
import argparse, importlib.util, json, os, sys
spec = json.load(open(sys.argv[1]))
os.environ.update(spec["env"])
sys.path.insert(0, os.path.dirname(spec["script"]))
m = importlib.util.spec_from_file_location("s", spec["script"]); mod = importlib.util.module_from_spec(m); m.loader.exec_module(mod)
mod.main(spec["inputs"], spec["outputs"], spec["env"], argparse.Namespace(**{a["dest"]: a["value"] for a in spec["args"]}))
`;

async function overhead(entry: "main" | "script"): Promise<void> {
  const workspace = mkdtempSync(join(tmpdir(), "bench-overhead-"));
  const factory = createFactory({ dag: join(DEMO, "pipeline.dag.json"), config: join(DEMO, "config.json"), workspace });
  await factory.executeDagGuidedTesting({ jobs: 1, force: true, entry }); // warm-up: page cache, pyc files
  const runs: number[] = [];
  const loops: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const record = await factory.executeDagGuidedTesting({ jobs: 1, force: true, entry });
    runs.push(performance.now() - t0);
    // The shell loop replays exactly what the runner ran: same scripts, env, args, inputs, interpreter.
    const specs = record.nodes.map((n) => join(record.runDir, "nodes", n.name, "harness-spec.json"));
    const loop = specs.map((s) => `${python} -c '${MINIMAL_DRIVER.replace(/'/g, "'\\''")}' ${s} > /dev/null 2>&1`).join("\n");
    const t1 = performance.now();
    execFileSync("bash", ["-c", `set -e\n${loop}`]);
    loops.push(performance.now() - t1);
  }
  const nodes = 7;
  const run = median(runs);
  const loop = median(loops);
  console.log(`(a) runner overhead, demo pipeline, 7 script nodes, --jobs 1 --force --entry ${entry}, median of 3`);
  console.log(`    cursus-lab run: ${ms(run)}   shell loop, same scripts: ${ms(loop)}`);
  console.log(`    overhead: ${ms(run - loop)} in all, ${ms((run - loop) / nodes)} per node, ${(((run - loop) / run) * 100).toFixed(1)}% of wall time`);
}

async function parallel(): Promise<void> {
  const p = toyPipeline([{ name: "Left", fields: { burn_seconds: 2 } }, { name: "Right", fields: { burn_seconds: 2 } }], []);
  const factory = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
  const time = async (jobs: number): Promise<number> => {
    const t0 = performance.now();
    await factory.executeDagGuidedTesting({ jobs, force: true });
    return performance.now() - t0;
  };
  const one = median([await time(1), await time(1), await time(1)]);
  const two = median([await time(2), await time(2), await time(2)]);
  console.log("(b) two independent CPU-bound scripts (2 s of busy loop each), median of 3");
  console.log(`    --jobs 1: ${ms(one)}   --jobs 2: ${ms(two)}   speed-up: ${(one / two).toFixed(2)}x`);
}

async function rerun(): Promise<void> {
  const workspace = mkdtempSync(join(tmpdir(), "bench-rerun-"));
  const make = () => createFactory({ dag: join(DEMO, "pipeline.dag.json"), config: join(DEMO, "config.json"), workspace });
  const t0 = performance.now();
  const full = await make().executeDagGuidedTesting({ force: true });
  const fullMs = performance.now() - t0;
  const changed = make();
  changed.configureScriptTesting("ModelCalibration_calibration", { env: { CALIBRATION_METHOD: "platt" } });
  const t1 = performance.now();
  const partial = await changed.executeDagGuidedTesting();
  const partialMs = performance.now() - t1;
  const rerunNodes = partial.nodes.filter((n) => n.cache === "miss").map((n) => n.name);
  const t2 = performance.now();
  const nothing = await changed.executeDagGuidedTesting();
  const nothingMs = performance.now() - t2;
  console.log("(c) demo rerun after one env change (ModelCalibration_calibration CALIBRATION_METHOD=platt)");
  console.log(`    full run: ${ms(fullMs)} (${full.nodes.length} nodes)   after the change: ${ms(partialMs)} (${rerunNodes.length} rerun: ${rerunNodes.join(", ")})   ratio ${(fullMs / partialMs).toFixed(1)}x`);
  console.log(`    unchanged rerun: ${ms(nothingMs)} (${nothing.counts.cached} of ${nothing.nodes.length} cached)`);
}

console.log(`interpreter: ${python}; ${readFileSync("/proc/cpuinfo", "utf8").split("\n").filter((l) => l.startsWith("processor")).length} cores`);
await overhead("main");
await overhead("script");
await parallel();
await rerun();
