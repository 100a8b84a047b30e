/**
 * Engine benchmarks, measured side by side in one run on this machine:
 *  (a) no-op rerun (every node cached) of the demo pipeline, in process and as a CLI process, against a full run;
 *  (b) no-op rerun of a 1,000-node chain, against a 100-node chain (growth with node count), in process
 *      and as a CLI process, with node's start and the CLI's module loading beside them;
 *  (c) no-op rerun of one node whose input is 1 GB in one file, whose output is 1 GB, or whose input is
 *      10,000 small files, against the same node with a 1 KB input (growth with data size), and the
 *      first run that digests the data.
 * Run: npx tsx bench/engine.bench.ts [a] [b] [c]
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { createFactory } from "../src/factory/testing-factory.js";
import { TOY, toyPipeline } from "../test/runner/toy-pipeline.js";

const DEMO = resolve("notebooks/demo-pipeline");
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number): string => `${n.toFixed(0)} ms`;
/** Times `fn` `n` times, one after another. */
async function repeat(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await timed(fn));
  return times;
}
const timed = async (fn: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

async function demoNoop(): Promise<void> {
  const workspace = mkdtempSync(join(tmpdir(), "bench-noop-"));
  const make = () => createFactory({ dag: join(DEMO, "pipeline.dag.json"), config: join(DEMO, "config.json"), workspace });
  const full = await timed(() => make().executeDagGuidedTesting());
  const inProcess = median(await repeat(5, () => make().executeDagGuidedTesting()));
  const cliArgs = ["bin/cursus-lab.js", "run", "--dag", join(DEMO, "pipeline.dag.json"), "--config", join(DEMO, "config.json"), "--workspace", workspace, "--json"];
  const cli = await repeat(5, async () => execFileSync("node", cliArgs, { stdio: "ignore" }));
  const nodeStart = median([0, 1, 2, 3, 4].map(() => { const t0 = performance.now(); execFileSync("node", ["-e", "0"]); return performance.now() - t0; }));
  console.log("(a) demo pipeline, 7 script nodes: no-op rerun (all cached), median of 5");
  console.log(`    full first run: ${ms(full)}   no-op in process: ${ms(inProcess)}   no-op CLI process: ${ms(median(cli))}   node -e 0: ${ms(nodeStart)}`);
  console.log(`    no-op / full run: ${((inProcess / full) * 100).toFixed(1)}%`);
}


async function chainNoop(): Promise<void> {
  const rows: { n: number; first: number; inProcess: number; cli: number }[] = [];
  for (const n of [100, 1000]) {
    const names = Array.from({ length: n }, (_, i) => ({ name: `N${i}` }));
    const edges = names.slice(1).map((node, i) => [names[i]!.name, node.name] as const);
    const p = toyPipeline(names, edges);
    const make = () => createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
    const first = await timed(() => make().executeDagGuidedTesting({ jobs: 2 }));
    // Loading the model is part of a rerun: a CLI process does it every time.
    const inProcess = median(await repeat(3, () => make().executeDagGuidedTesting({ jobs: 2 })));
    const cliArgs = ["bin/cursus-lab.js", "run", "--dag", p.dag, "--config", p.config, "--interfaces", join(TOY, "interfaces"), "--workspace", p.workspace, "--jobs", "2"];
    const cli = median(await repeat(3, async () => execFileSync("node", cliArgs, { stdio: "ignore" })));
    rows.push({ n, first, inProcess, cli });
    rmSync(p.dir, { recursive: true, force: true });
  }
  const nodeStart = median(await repeat(5, async () => execFileSync("node", ["-e", "0"])));
  const cliLoad = median(await repeat(5, async () => execFileSync("node", ["--input-type=module", "-e", `await import(${JSON.stringify(resolve("dist/cli/main.js"))})`])));
  console.log("(b) chain of N toy nodes: first run, then no-op reruns (all cached, median of 3), in process and as `cursus-lab run` (summary table printed)");
  for (const r of rows) {
    console.log(`    N=${r.n}: first run ${ms(r.first)} (${ms(r.first / r.n)}/node)   no-op in process ${ms(r.inProcess)} (${(r.inProcess / r.n).toFixed(2)} ms/node)   no-op CLI ${ms(r.cli)}`);
  }
  console.log(`    node -e 0: ${ms(nodeStart)}   loading the CLI's modules (node start included): ${ms(cliLoad)}`);
  const [small, big] = rows;
  if (small === undefined || big === undefined) return;
  console.log(`    no-op growth 1000/100: in process ${(big.inProcess / small.inProcess).toFixed(1)}x, CLI ${(big.cli / small.cli).toFixed(1)}x for 10x the nodes`);
  // Its ratio to Snakemake is measured side by side, on the same scripts, in bench/compare.bench.ts.
  console.log(`    1,000-node no-op CLI ${ms(big.cli)}; without module loading ${ms(big.cli - cliLoad)}`);
}

async function inputSize(): Promise<void> {
  const gigabyte = (dir: string): void => {
    const fd = openSync(join(dir, "big.csv"), "w");
    // Lines of CSV, so the output's row count has something to read.
    const block = Buffer.from(`${"1234567,".repeat(127)}1234567\n`.repeat(16 * 1024));
    for (let written = 0; written < 1024 ** 3; written += block.length) writeSync(fd, block);
    closeSync(fd);
  };
  // `extra` is read only; `data` is copied to the output, so its case has a 1 GB output as well.
  const cases: { label: string; input: "extra" | "data"; make: (dir: string) => void }[] = [
    { label: "1 KB file", input: "extra", make: (dir) => writeFileSync(join(dir, "small.csv"), "x".repeat(1024)) },
    { label: "1 GB file", input: "extra", make: gigabyte },
    { label: "1 GB output", input: "data", make: gigabyte },
    {
      label: "10,000 files",
      input: "extra",
      make: (dir) => {
        for (let i = 0; i < 10_000; i++) writeFileSync(join(dir, `part-${i}.csv`), `a\n${i}\n`);
      },
    },
  ];
  console.log("(c) one node, no-op rerun by input size (median of 3), in process");
  for (const c of cases) {
    const p = toyPipeline([{ name: "Reader" }], []);
    const data = join(p.dir, "input");
    mkdirSync(data);
    c.make(data);
    const make = () => {
      const f = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
      f.configureScriptTesting("Reader", { inputs: { [c.input]: data } });
      return f;
    };
    const first = await timed(() => make().executeDagGuidedTesting());
    const noop = median(await repeat(3, () => make().executeDagGuidedTesting()));
    console.log(`    ${c.label.padEnd(13)} first run (digests the data): ${ms(first)}   no-op: ${ms(noop)}`);
    rmSync(p.dir, { recursive: true, force: true });
  }
}

// Parts by letter (`npx tsx bench/engine.bench.ts b`); all of them when none is named.
const parts = process.argv.slice(2);
const want = (part: string): boolean => parts.length === 0 || parts.includes(part);
if (want("a")) await demoNoop();
if (want("b")) await chainNoop();
if (want("c")) await inputSize();
