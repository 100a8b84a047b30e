/**
 * Comparison bench: cursus-lab as a CLI process against make, Snakemake and a shell loop running the very
 * same Python files with the same interpreter (/usr/bin/python3), on generated graphs of N nodes
 * (BENCH_NODES, default 1,000): a chain, a fan (one source feeding N−1 independent leaves) and a row of
 * diamonds. Prints each figure, then every target of the speed issue as a ratio measured in this run.
 * Set-up: bash bench/setup.sh (installs Debian's snakemake). Run: npx tsx bench/compare.bench.ts
 * (BENCH_NODES=50 for a quick look, BENCH_ONLY=chain,fan for some parts)
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PYTHON, generate, shape, writeMakefile, writeShellLoop, writeSnakefile, type Generated, type Shape } from "./compare-graphs.js";
import { CLI, cursus, digest, setAside, fullRunRecord, make, median, repeatMedian, runFlags, shellLoop, snakemake, time, timeMedian, type Timed, type Tool } from "./compare-tools.js";

const N = Number(process.env["BENCH_NODES"] ?? 1000);
const NOOP_REPEATS = 5;
const DEMO = resolve("notebooks/demo-pipeline");
const ROOT = mkdtempSync(join(tmpdir(), "bench-compare-"));
const flags = runFlags();
const warm = flags.has("--warm");

const fmt = (t: Timed | null): string => (t === null ? "n/a" : `${t.ok ? "" : "FAILED "}${t.ms >= 10_000 ? `${(t.ms / 1000).toFixed(1)} s` : `${t.ms.toFixed(0)} ms`}`);
const row = (label: string, ...cells: string[]): void => console.log(`    ${label.padEnd(40)} ${cells.map((c) => c.padStart(12)).join(" ")}`);

interface Check {
  readonly claim: string;
  readonly measured: number;
  readonly target: string;
  readonly holds: boolean;
  readonly ok: boolean;
}
const checks: Check[] = [];
/** A ratio target: `measured` against `limit`, `atMost` or at least. A failed process never holds. */
function ratio(claim: string, a: Timed, b: Timed, limit: number, atMost = true): void {
  const measured = a.ms / b.ms;
  checks.push({ claim, measured, target: `${atMost ? "≤" : "≥"} ${limit}x`, holds: a.ok && b.ok && (atMost ? measured <= limit : measured >= limit), ok: a.ok && b.ok });
}
/** An absolute target: `a` at most `base` + `extraMs`. */
function within(claim: string, a: Timed, base: Timed, extraMs: number): void {
  checks.push({ claim, measured: a.ms - base.ms, target: `≤ +${extraMs} ms`, holds: a.ok && a.ms <= base.ms + extraMs, ok: a.ok });
}

function startUp(): { node: Timed; version: Timed } {
  // Interleaved, so a burst of load from another process lands on both sides.
  const node: number[] = [];
  const version: number[] = [];
  for (let i = 0; i < 7; i++) {
    node.push(time("node", ["-e", "0"]).ms);
    version.push(time("node", [CLI, "--version"]).ms);
  }
  const result = { node: { ms: median(node), ok: true }, version: { ms: median(version), ok: true } };
  console.log("start-up, median of 7");
  row("node -e 0", fmt(result.node));
  row("cursus-lab --version", fmt(result.version));
  row("snakemake --version", fmt(timeMedian(3, "snakemake", ["--version"])));
  ratio("--version / node -e 0", result.version, result.node, 1.5);
  return result;
}

function demoNoop(nodeStart: Timed): void {
  const workspace = join(ROOT, "demo-ws");
  const args = [CLI, "run", "--dag", join(DEMO, "pipeline.dag.json"), "--config", join(DEMO, "config.json"), "--workspace", workspace];
  const first = time("node", args);
  const noop = timeMedian(NOOP_REPEATS, "node", args);
  console.log(`demo pipeline (7 script nodes, default entry), CLI process; no-op: median of ${NOOP_REPEATS}`);
  row("first run", fmt(first));
  row("no-op rerun (all cached)", fmt(noop));
  within("demo no-op rerun − node start (CLI)", noop, nodeStart, 250);
}

function build(kind: Shape, n: number, folder = `${kind}-${n}`): { g: Generated; make: string; snake: string; shell: string } {
  const g = generate(join(ROOT, folder), shape(kind, n));
  return { g, make: writeMakefile(g), snake: writeSnakefile(g), shell: writeShellLoop(g) };
}

/**
 * Full runs once each (a 1,000-node run takes tens of seconds), then the first no-op rerun on its own
 * (cursus-lab decides every node there and remembers the run), then the median of NOOP_REPEATS more.
 */
function compare(title: string, short: string, tools: readonly Tool[]): Map<string, { full: Timed; first: Timed | null; noop: Timed | null }> {
  console.log(`${title}: full run once per tool, first no-op rerun, then no-op rerun median of ${NOOP_REPEATS}`);
  row("tool", "full run", "per node", "first no-op", "no-op rerun");
  const results = new Map<string, { full: Timed; first: Timed | null; noop: Timed | null }>();
  const outputs = new Map<string, string[]>();
  for (const tool of tools) {
    const full = tool.full();
    const first = tool.noop === null ? null : tool.noop();
    const noop = tool.noop === null ? null : repeatMedian(NOOP_REPEATS, tool.noop);
    results.set(tool.label, { full, first, noop });
    const d = digest(tool.result());
    outputs.set(d, [...(outputs.get(d) ?? []), tool.label]);
    row(tool.label, fmt(full), `${(full.ms / nodesOf(title)).toFixed(1)} ms`, fmt(first), fmt(noop));
    // A full run must run every node: a result reused from the store would time nothing.
    const cached = tool.record?.()?.counts.cached ?? 0;
    if (cached > 0) console.log(`    ! ${tool.label}: ${cached} nodes were reused in its full run`);
  }
  // Every tool ran the same scripts on the same graph, so the sinks' values must agree.
  if (outputs.size === 1) console.log(`    outputs: the same for all ${tools.length} (digest ${[...outputs.keys()][0]})`);
  else console.log(`    outputs DIFFER: ${[...outputs].map(([d, labels]) => `${d}: ${labels.join(", ")}`).join("; ")}`);
  checks.push({ claim: `${short}: the same final output from every tool`, measured: outputs.size, target: "1 digest", holds: outputs.size === 1, ok: true });
  return results;
}
const nodeCounts = new Map<string, number>();
const nodesOf = (title: string): number => nodeCounts.get(title) ?? N;

function cursusModes(g: Generated, jobs: number, entries: readonly string[]): Tool[] {
  const tools = entries.map((entry) => cursus(g, `cursus-lab --jobs ${jobs} --entry ${entry}`, ["--jobs", String(jobs), "--entry", entry]));
  if (warm) {
    tools.push(cursus(g, `cursus-lab --jobs ${jobs} --warm`, ["--jobs", String(jobs), "--warm"]));
    if (entries.includes("main")) tools.push(cursus(g, `cursus-lab --jobs ${jobs} --warm --entry main`, ["--jobs", String(jobs), "--warm", "--entry", "main"]));
  }
  return tools;
}

/** Where a chain's cursus-lab run spends its time: inside each node's process, and between two nodes. */
function perNode(g: Generated, label: string, full: Timed, shellLoopMs: number): void {
  const record = fullRunRecord(g, label);
  if (record === null) return;
  const inside = median(record.nodes.map((n) => n.durationMs));
  const ordered = [...record.nodes].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  const gaps = ordered.slice(1).map((n, i) => Date.parse(n.startedAt) - Date.parse(ordered[i]!.finishedAt));
  console.log(
    `    ${label}: per node (median) ${inside} ms in the node's process + ${median(gaps)} ms between nodes; ` +
      `shell loop ${(shellLoopMs / g.nodes.length).toFixed(1)} ms per node; CLI wall − run.json duration: ${(full.ms - record.durationMs).toFixed(0)} ms`,
  );
}

function chain(): void {
  const { g, make: mk, snake, shell } = build("chain", N);
  const title = `chain of ${g.nodes.length} nodes, --jobs 1`;
  nodeCounts.set(title, g.nodes.length);
  const tools = [...cursusModes(g, 1, ["main", "script"]), snakemake(g, snake, 1), make(g, mk, 1), shellLoop(g, shell)];
  const r = compare(title, `chain ${g.nodes.length}`, tools);
  const get = (label: string) => r.get(label)!;
  const loop = get("shell loop").full;
  for (const t of tools.filter((t) => t.label.startsWith("cursus-lab"))) {
    ratio(`chain ${g.nodes.length}: ${t.label} / snakemake`, get(t.label).full, get("snakemake --cores 1").full, 0.8);
    ratio(`chain ${g.nodes.length}: ${t.label} / make`, get(t.label).full, get("make -j1").full, 1.15);
    ratio(`chain ${g.nodes.length} no-op: ${t.label} / snakemake`, get(t.label).noop!, get("snakemake --cores 1").noop!, 0.2);
    const first = get(t.label).first!;
    console.log(`    ${t.label}: first no-op (every node decided, the run remembered) ${(first.ms / get("snakemake --cores 1").first!.ms).toFixed(2)}x snakemake's first`);
    perNode(g, t.label, get(t.label).full, loop.ms);
  }
}

/** Full runs of the fan per cursus-lab mode for the --jobs ratio: the one of the table and SCALING_RUNS − 1 more, --jobs 1 and 2 in turn. */
const SCALING_RUNS = 3;

function fan(): void {
  const { g, make: mk, snake, shell } = build("fan", N);
  const title = `fan: 1 source feeding ${g.nodes.length - 1} leaves`;
  nodeCounts.set(title, g.nodes.length);
  const [one, two] = [cursusModes(g, 1, ["main", "script"]), cursusModes(g, 2, ["main", "script"])];
  const tools = [...one, ...two, make(g, mk, 1), make(g, mk, 2), snakemake(g, snake, 2), shellLoop(g, shell), shellLoop(g, shell, 2)];
  const r = compare(title, `fan ${g.nodes.length}`, tools);
  const full = (label: string): Timed => r.get(label)!.full;
  // One pair of runs swings by a tenth on this machine: the ratio is of medians, each side run in turn with the other.
  console.log(`    --jobs 1 / --jobs 2 per cursus-lab mode, median of ${SCALING_RUNS} full runs each, in turn`);
  one.forEach((single, i) => {
    const double = two[i]!;
    const runs = [[full(single.label)], [full(double.label)]] as [Timed[], Timed[]];
    for (let k = 1; k < SCALING_RUNS; k++) {
      runs[0].push(single.full());
      runs[1].push(double.full());
    }
    const [a, b] = runs.map((side) => ({ ms: median(side.map((t) => t.ms)), ok: side.every((t) => t.ok) }));
    const mode = single.label.replace("cursus-lab --jobs 1 ", "");
    row(mode, ...runs[0].map(fmt), "→", ...runs[1].map(fmt), `${(a!.ms / b!.ms).toFixed(2)}x`);
    const [cpuOne, cpuTwo] = runs.map((side) => median(side.map((t) => t.cpuMs ?? Number.NaN)));
    // --jobs 2 cannot take less than its CPU time spread over both cores: that caps the ratio at 2 × (--jobs 1 wall) / (--jobs 2 CPU).
    console.log(
      `      cores busy (machine CPU / wall): --jobs 1 ${(cpuOne! / a!.ms).toFixed(2)}, --jobs 2 ${(cpuTwo! / b!.ms).toFixed(2)}; ` +
        `so at most 2 × ${fmt(a!)} / ${(cpuTwo! / 1000).toFixed(1)} s of CPU = ${((2 * a!.ms) / cpuTwo!).toFixed(2)}x on ${availableParallelism()} cores`,
    );
    ratio(`fan ${g.nodes.length}: cursus-lab --jobs 1 / --jobs 2 (${mode})`, a!, b!, 1.9, false);
  });
  const [m1, m2] = [full("make -j1"), full("make -j2")];
  console.log(
    `    for reference: make -j1/-j2 ${(m1.ms / m2.ms).toFixed(2)}x (cores busy ${((m1.cpuMs ?? Number.NaN) / m1.ms).toFixed(2)} → ${((m2.cpuMs ?? Number.NaN) / m2.ms).toFixed(2)}); ` +
      `shell loop / xargs -P2 ${(full("shell loop").ms / full("shell: xargs -P2").ms).toFixed(2)}x`,
  );
}

function diamond(): void {
  const { g, make: mk, snake, shell } = build("diamond", N);
  const title = `row of diamonds, ${g.nodes.length} nodes, --jobs 1`;
  nodeCounts.set(title, g.nodes.length);
  compare(title, `diamonds ${g.nodes.length}`, [...cursusModes(g, 1, ["main"]), snakemake(g, snake, 1), make(g, mk, 1), shellLoop(g, shell)]);
}

/** One node whose input is 1 KB, 1 GB in one file or 10,000 files, or whose output is 1 GB: no-op reruns as CLI processes. */
function dataSizes(nodeStart: Timed): void {
  const cases: { label: string; sizeMb: number; fill: (dir: string) => void }[] = [
    { label: "1 KB input", sizeMb: 0, fill: (dir) => writeFileSync(join(dir, "small.csv"), "x".repeat(1024)) },
    {
      label: "1 GB input (one file)",
      sizeMb: 0,
      fill: (dir) => {
        const fd = openSync(join(dir, "big.csv"), "w");
        const block = Buffer.from(`${"1234567,".repeat(127)}1234567\n`.repeat(16 * 1024));
        for (let written = 0; written < 1024 ** 3; written += block.length) writeSync(fd, block);
        closeSync(fd);
      },
    },
    { label: "1 GB output", sizeMb: 1024, fill: (dir) => writeFileSync(join(dir, "small.csv"), "x".repeat(1024)) },
    { label: "10,000-file input", sizeMb: 0, fill: (dir) => { for (let i = 0; i < 10_000; i++) writeFileSync(join(dir, `part-${i}.csv`), `a\n${i}\n`); } },
  ];
  console.log(`one node (default entry), CLI process: first run once (it digests the data), no-op rerun median of ${NOOP_REPEATS}`);
  row("case", "first run", "no-op rerun");
  const noops = new Map<string, Timed>();
  for (const c of cases) {
    const g = generate(join(ROOT, `data-${noops.size}`), [{ name: "Blob", type: "BenchBlob", inputs: [] }]);
    const input = join(g.dir, "input");
    mkdirSync(input);
    c.fill(input);
    const workspace = join(g.dir, "ws");
    const args = [CLI, "run", "--dag", g.dag, "--config", g.config, "--interfaces", g.interfaces, "--workspace", workspace, "--python", PYTHON, "--input", `Blob.data=${input}`, "--env", `Blob.SIZE_MB=${c.sizeMb}`];
    const first = time("node", args);
    const noop = timeMedian(NOOP_REPEATS, "node", args);
    noops.set(c.label, noop);
    row(c.label, fmt(first), fmt(noop));
    setAside(g.dir);
  }
  const base = noops.get("1 KB input")!;
  ratio("no-op, 1 GB input / 1 KB input (CLI)", noops.get("1 GB input (one file)")!, base, 1.2);
  ratio("no-op, 1 GB output / 1 KB input (CLI)", noops.get("1 GB output")!, base, 1.2);
  within("no-op, 10,000-file input − node start (CLI)", noops.get("10,000-file input")!, nodeStart, 300);
}

/** Each tool once on a small chain first, so page cache and Python's compiled stdlib are warm for all alike. */
function warmUp(): void {
  const { g, make: mk, snake, shell } = build("chain", 5, "warm-up");
  for (const t of [...cursusModes(g, 1, ["main", "script"]), snakemake(g, snake, 1), make(g, mk, 1), shellLoop(g, shell)]) t.full();
  setAside(g.dir);
}

const cores = availableParallelism();
const load = spawnSync("cat", ["/proc/loadavg"], { encoding: "utf8" }).stdout.trim();
console.log(`compare bench: N=${N} nodes; ${cores} cores; load average ${load}; interpreter ${PYTHON}; cursus-lab run flags: ${warm ? "--warm listed" : "no --warm"}`);
console.log("Figures are one machine at one moment: on a shared, busy machine they are indicative only.\n");
// BENCH_ONLY=chain,fan runs some parts (start-up, demo, chain, fan, diamond, data); all by default.
const only = new Set((process.env["BENCH_ONLY"] ?? "start-up,demo,chain,fan,diamond,data").split(","));
const { node } = startUp();
warmUp();
if (only.has("demo")) demoNoop(node);
if (only.has("chain")) chain();
if (only.has("fan")) fan();
if (only.has("diamond")) diamond();
if (only.has("data")) dataSizes(node);

console.log("\ntargets of the speed issue, each a ratio of figures measured above in this run");
for (const c of checks) {
  const value = c.target.endsWith("ms") ? `${c.measured >= 0 ? "+" : ""}${c.measured.toFixed(0)} ms` : c.target === "1 digest" ? `${c.measured} digest(s)` : `${c.measured.toFixed(2)}x`;
  console.log(`  ${c.claim.padEnd(64)} ${value.padStart(10)}  target ${c.target.padEnd(10)} ${c.ok ? (c.holds ? "holds" : "misses") : "misses (a process failed)"}`);
}
rmSync(ROOT, { recursive: true, force: true });
