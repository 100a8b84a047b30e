/**
 * Warm interpreters against cold processes, measured side by side in one run on this machine:
 *  (a) the demo's full run (--force), cold and warm, median of 3 each, and the ratio: through main()
 *      (--entry main) and through the production entry (--entry script: bubblewrap cold, a fork that makes
 *      the node's sandbox itself warm);
 *  (b) the demo's first run in a fresh workspace, which knows nothing of what the scripts import: cold
 *      and warm, median of 3 each (the warm server imports what each node imported for the nodes after it);
 *  (c) the cost per node of a trivial script, cold and warm (12 independent nodes, --jobs 1).
 * In (a) and (c), a run before the measured ones teaches the workspace what the scripts import (cache/preload.json).
 * Run: npx tsx bench/warm.bench.ts
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createFactory } from "../src/factory/testing-factory.js";
import { toyPipeline, TOY } from "../test/runner/toy-pipeline.js";
import type { EntryRequest } from "../src/engine/entry-mode.js";

const DEMO = resolve("notebooks/demo-pipeline");
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number): string => `${n.toFixed(0)} ms`;

type Factory = ReturnType<typeof createFactory>;

/**
 * Cold and warm runs taken in turn, so a noisy neighbour slows both alike. `factory` gives each run its
 * factory: the same one, taught first what the scripts import, or a fresh workspace each time.
 */
async function compare(factory: () => Factory, options: { jobs?: number; entry: EntryRequest }, teach = true): Promise<{ cold: number; warm: number }> {
  if (teach) await factory().executeDagGuidedTesting({ ...options, force: true });
  const times = { cold: [] as number[], warm: [] as number[] };
  for (let i = 0; i < 3; i++) {
    for (const warm of [false, true]) {
      const t0 = performance.now();
      const record = await factory().executeDagGuidedTesting({ ...options, force: true, warm });
      if (record.status !== "succeeded") {
        const failed = record.nodes.flatMap((n) => (n.status === "failed" ? [`${n.name}: ${n.error.message} ${n.error.tail.slice(-3).join(" / ")}`] : []));
        throw new Error(`${warm ? "warm" : "cold"} run (--entry ${options.entry}) ${record.status}: ${failed.join("; ")}`);
      }
      if (warm && record.nodes.some((n) => n.process?.kind !== "warm")) throw new Error("a node ran cold in a warm run");
      times[warm ? "warm" : "cold"].push(performance.now() - t0);
    }
  }
  return { cold: median(times.cold), warm: median(times.warm) };
}

const demoFactory = (): Factory => createFactory({ dag: join(DEMO, "pipeline.dag.json"), config: join(DEMO, "config.json"), workspace: mkdtempSync(join(tmpdir(), "bench-warm-")) });

for (const entry of ["main", "script"] as const) {
  const factory = demoFactory();
  const demo = await compare(() => factory, { entry });
  console.log(`demo full run (--entry ${entry} --force): cold ${ms(demo.cold)}, warm ${ms(demo.warm)}, ${(demo.cold / demo.warm).toFixed(2)}x faster warm`);
}

for (const entry of ["main", "script"] as const) {
  const first = await compare(demoFactory, { entry }, false);
  console.log(`demo first run in a fresh workspace (--entry ${entry}): cold ${ms(first.cold)}, warm ${ms(first.warm)}, ${(first.cold / first.warm).toFixed(2)}x faster warm`);
}

const NODES = 12;
const p = toyPipeline(Array.from({ length: NODES }, (_, i) => ({ name: `T${i}` })), []);
const toyFactory = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
const toy = await compare(() => toyFactory, { jobs: 1, entry: "main" });
console.log(`trivial node (--jobs 1, ${NODES} nodes): cold ${ms(toy.cold / NODES)} per node, warm ${ms(toy.warm / NODES)} per node`);
