/** Timing of whole CLI processes for the comparison bench: cursus-lab, make, Snakemake, a shell loop. */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, renameSync } from "node:fs";
import { join, resolve } from "node:path";
import { PYTHON, sinks, type Generated } from "./compare-graphs.js";

export const CLI = resolve("bin/cursus-lab.js");
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface Timed {
  readonly ms: number;
  readonly ok: boolean;
  /** CPU time the whole machine spent meanwhile (every core, from /proc/stat): the bench is otherwise idle. */
  readonly cpuMs?: number;
}

/** Busy CPU time since boot, every core: all of /proc/stat's first line but idle and iowait. */
function machineBusyMs(): number | undefined {
  if (!existsSync("/proc/stat")) return undefined;
  const fields = readFileSync("/proc/stat", "latin1").split("\n", 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const busyTicks = fields.reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
  // USER_HZ is 100 on Linux for /proc/stat, whatever the kernel's own tick.
  return busyTicks * 10;
}

/** Runs one process to its end with stdout discarded, as a user's terminal would not slow it; a failure is printed. */
export function time(cmd: string, args: readonly string[], cwd = process.cwd()): Timed {
  const busy0 = machineBusyMs();
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 256 * 1024 * 1024, timeout: 30 * 60_000 });
  const ms = performance.now() - t0;
  const busy1 = machineBusyMs();
  const ok = r.status === 0;
  if (!ok) console.log(`    ! ${cmd} ${args.slice(0, 4).join(" ")}… exited ${r.status ?? r.signal}: ${String(r.stderr ?? "").trim().split("\n").slice(-6).join("\n      ")}`);
  return busy0 === undefined || busy1 === undefined ? { ms, ok } : { ms, ok, cpuMs: busy1 - busy0 };
}

/** Median of `n` runs, one after another; not ok when any failed. */
export function repeatMedian(n: number, fn: () => Timed): Timed {
  const runs = Array.from({ length: n }, fn);
  return { ms: median(runs.map((r) => r.ms)), ok: runs.every((r) => r.ok) };
}
export const timeMedian = (n: number, cmd: string, args: readonly string[], cwd?: string): Timed => repeatMedian(n, () => time(cmd, args, cwd));

/** `run --help` is the contract: a flag is used only when this build of the CLI lists it. */
export function runFlags(): Set<string> {
  const help = spawnSync("node", [CLI, "run", "--help"], { encoding: "utf8" }).stdout;
  return new Set(help.match(/--[a-z][a-z-]*/g) ?? []);
}

export interface Tool {
  /** label in the tables */
  readonly label: string;
  /** runs the whole graph from nothing */
  readonly full: () => Timed;
  /** runs it again with everything up to date, or null when the tool has no such thing (the shell loop) */
  readonly noop: (() => Timed) | null;
  /** the sinks' values, in node order, one string */
  readonly result: () => string;
  /** cursus-lab only: the run.json of the full run */
  readonly record?: () => RunRecord | null;
}

let asideCount = 0;
/**
 * Moves a folder out of the way instead of deleting it. Deleting a run's tens of thousands of files just
 * before a timed run slowed that run by up to a half on this machine's ext4 (mounted with `discard`), and
 * more with each deletion, so the bench deletes everything once, with its own folder, at the end.
 */
export function setAside(path: string): void {
  if (existsSync(path)) renameSync(path, `${path}.aside-${asideCount++}`);
}

const workspaceOf = (g: Generated, label: string): string => join(g.dir, `ws-${label.replace(/[^a-z0-9]+/gi, "-")}`);
const readOr = (path: string): string => (existsSync(path) ? readFileSync(path, "utf8") : `<missing ${path}>`);
const valuesOf = (g: Generated, path: (node: string) => string): string => sinks(g.nodes).map((s) => readOr(path(s))).join("");

/** cursus-lab `run` on its own workspace; `flags` are extra run flags (entry mode, jobs, --warm). */
export function cursus(g: Generated, label: string, flags: readonly string[]): Tool {
  const workspace = workspaceOf(g, label);
  const args = [CLI, "run", "--dag", g.dag, "--config", g.config, "--interfaces", g.interfaces, "--workspace", workspace, "--python", PYTHON, ...flags];
  return {
    label,
    full: () => {
      setAside(workspace);
      return time("node", args);
    },
    noop: () => time("node", args),
    // The final output's name is the step type's (data, or left/right for the diamond's middle nodes).
    result: () => valuesOf(g, (s) => join(workspace, s, "output", "data", "value.txt")),
    record: () => fullRunRecord(g, label),
  };
}

export interface RunRecord {
  readonly durationMs: number;
  readonly counts: { readonly succeeded: number; readonly cached: number };
  readonly nodes: readonly { readonly startedAt: string; readonly finishedAt: string; readonly durationMs: number }[];
}

/** The run.json of a cursus-lab tool's full run: the first in its workspace, since `full` starts from an empty one. */
export function fullRunRecord(g: Generated, label: string): RunRecord | null {
  const runs = join(workspaceOf(g, label), "runs");
  if (!existsSync(runs)) return null;
  const first = readdirSync(runs).filter((name) => name !== "latest").sort()[0];
  const record = first === undefined ? "" : join(runs, first, "run.json");
  return existsSync(record) ? (JSON.parse(readFileSync(record, "utf8")) as RunRecord) : null;
}

const fresh = (dir: string): void => {
  setAside(join(dir, "out"));
  setAside(join(dir, ".snakemake"));
};

export function make(g: Generated, dir: string, jobs: number): Tool {
  const args = ["-s", `-j${jobs}`, "-C", dir];
  return { label: `make -j${jobs}`, full: () => (fresh(dir), time("make", args)), noop: () => time("make", args), result: () => valuesOf(g, (s) => join(dir, "out", s, "value.txt")) };
}

export function snakemake(g: Generated, dir: string, cores: number): Tool {
  const args = ["--cores", String(cores), "-q", "-s", join(dir, "Snakefile"), "-d", dir];
  return { label: `snakemake --cores ${cores}`, full: () => (fresh(dir), time("snakemake", args)), noop: () => time("snakemake", args), result: () => valuesOf(g, (s) => join(dir, "out", s, "value.txt")) };
}

/** The loop runs every node in DAG order; with `parallel`, the first node then the rest through `xargs -P`. */
export function shellLoop(g: Generated, dir: string, parallel = 0): Tool {
  const loop = join(dir, "loop.sh");
  const label = parallel > 0 ? `shell: xargs -P${parallel}` : "shell loop";
  const script = parallel > 0 ? `set -e\ncd "${dir}"\nsed -n 3p loop.sh | sh\ntail -n +4 loop.sh | cut -d' ' -f2- | xargs -P${parallel} -L1 ${PYTHON}\n` : `bash ${loop}`;
  return { label, full: () => (fresh(dir), time("bash", ["-c", script])), noop: null, result: () => valuesOf(g, (s) => join(dir, "out", s, "value.txt")) };
}

/** One digest per distinct result, so a table can say which tools agree. */
export const digest = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 12);
