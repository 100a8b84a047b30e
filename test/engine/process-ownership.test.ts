import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { runRecordSchema } from "../../src/results/run-record.js";
import { latestRunFile } from "../../src/results/write-run-record.js";
import { processesMentioning } from "../helpers/processes.js";
import { toyArgs, toyPipeline, type ToyPipeline } from "../runner/toy-pipeline.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (check()) return;
  throw new Error("timed out waiting");
}

/** Nothing of the run is left: no process mentions the test's folder (the harness, the script's children). */
const noneLeft = (p: ToyPipeline, ms: number) => waitFor(() => processesMentioning(p.dir).length === 0, ms);

/** Runs the CLI on one unruly node; the script writes the pid of the process it leaves behind to `pid`. */
function unruly(mode: string, fields: Record<string, unknown> = {}): { p: ToyPipeline; pid: string } {
  const p = toyPipeline([{ name: "Unruly", type: "ToyUnruly", fields: { mode } }], []);
  const pid = join(p.dir, "left-behind.pid");
  p.rewrite({ Unruly: { mode, pid_file: pid, ...fields } });
  return { p, pid };
}

function startCli(p: ToyPipeline, extra: readonly string[] = []) {
  return execa("node", ["bin/cursus-lab.js", "run", ...toyArgs(p), ...extra, "--json"], { reject: false, env: { NO_COLOR: "1" } });
}

/**
 * Each guarantee holds for a cold process and for one forked by the fork server, through main() and
 * through the production entry (the fork makes the node's sandbox itself; cold is bubblewrap's).
 */
const MODES = [
  { name: "cold", flags: [] as string[], warm: false },
  { name: "warm", flags: ["--entry", "main", "--warm"], warm: true },
  { name: "warm production entry", flags: ["--entry", "script", "--warm"], warm: true },
] as const;

/** In warm mode the node really ran forked: a silent fall back to cold would prove nothing. */
function expectMode(stdout: string, mode: (typeof MODES)[number]): void {
  if (mode.warm) expect(JSON.parse(stdout).nodes[0].process).toEqual({ kind: "warm" });
}

const ENTRIES = [["--entry", "script"], ["--entry", "main"], ["--entry", "main", "--warm"], ["--entry", "script", "--warm"]];

describe("processes die with their owner", () => {
  for (const flags of ENTRIES) {
    it(`kill -9 of the CLI mid-run (${flags.join(" ")}): the script and its grandchild are gone within 3 s`, async () => {
      const { p, pid } = unruly("grandchild");
      const child = startCli(p, flags);
      await waitFor(() => existsSync(pid) && readFileSync(pid, "utf8") !== "");
      if (processesMentioning(pid).length === 0) {
        // Seen once in a full suite on a loaded machine and not reproduced since: the record says how the node ended.
        const ended = await Promise.race([child, sleep(20_000).then(() => undefined)]);
        child.kill("SIGKILL");
        throw new Error(`the script's child was gone before the kill; the run printed: ${ended?.stdout.slice(0, 4000) ?? "(nothing within 20 s)"}`);
      }
      child.kill("SIGKILL");
      await child;
      await sleep(3000);
      expect(processesMentioning(p.dir)).toEqual([]);
    });
  }

  it("kill -9 of the CLI while its fork server is inside a long import: the server is gone within 3 s", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    writeFileSync(join(dirname(p.dag), "cursus-lab.json"), JSON.stringify({ warm: true, preload: ["slow_at_import"] }));
    const child = execa("node", ["bin/cursus-lab.js", "run", ...toyArgs(p), "--entry", "main"], { reject: false, env: { NO_COLOR: "1", PYTHONPATH: resolve("test/fixtures/warm") } });
    await waitFor(() => processesMentioning(p.dir).some((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("cursus_lab_fork_server")));
    await sleep(1000);
    child.kill("SIGKILL");
    await child;
    await sleep(3000);
    expect(processesMentioning(p.dir)).toEqual([]);
  });

  it("kill -9 of the CLI after the script killed the CLI's watcher: the watcher was started again, and the grandchild is gone", async () => {
    const { p, pid } = unruly("kill-watcher");
    const child = startCli(p, ["--entry", "main"]);
    await waitFor(() => existsSync(pid) && readFileSync(pid, "utf8") !== "");
    // The script printed what it killed: a test that killed nothing would prove nothing.
    const log = join(p.workspace, "runs", readdirSync(join(p.workspace, "runs"))[0]!, "nodes", "Unruly", "stdout.log");
    await waitFor(() => existsSync(log) && readFileSync(log, "utf8").includes("killed "));
    await sleep(500);
    child.kill("SIGKILL");
    await child;
    await sleep(3000);
    expect(processesMentioning(p.dir)).toEqual([]);
  });

  for (const mode of MODES) {
    it(`a child that left the group with setsid and holds stdout does not hold the run past --timeout (${mode.name})`, async () => {
      const { p } = unruly("setsid-hang");
      const started = Date.now();
      const result = await startCli(p, ["--timeout", "2", ...mode.flags]);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(result.exitCode).toBe(1);
      expect(JSON.parse(result.stdout).nodes[0]).toMatchObject({ status: "failed", error: { kind: "timeout" } });
      expectMode(result.stdout, mode);
      await noneLeft(p, 2000);
    });
  }

  it("a setsid daemon left by a successful script is killed when the node ends", async () => {
    for (const flags of ENTRIES) {
      const { p } = unruly("daemon");
      const result = await startCli(p, flags);
      expect(result.exitCode).toBe(0);
      if (flags.includes("--warm")) expect(JSON.parse(result.stdout).nodes[0].process).toEqual({ kind: "warm" });
      await noneLeft(p, 2000);
    }
  });

  for (const mode of MODES) {
  it(`a second Ctrl-C kills the script and its child at once and still writes run.json (${mode.name})`, async () => {
    const { p, pid } = unruly("grandchild");
    const child = startCli(p, mode.flags);
    await waitFor(() => existsSync(pid) && readFileSync(pid, "utf8") !== "");
    child.kill("SIGINT");
    await sleep(100);
    child.kill("SIGINT");
    const result = await child;
    expect(result.exitCode).toBe(130);
    const record = runRecordSchema.parse(JSON.parse(readFileSync(latestRunFile(p.workspace)!, "utf8")));
    expect(record.status).toBe("interrupted");
    expect(record.nodes[0]).toMatchObject({ status: "interrupted", stage: "running" });
    if (mode.warm) expect(record.nodes[0]?.process).toEqual({ kind: "warm" });
    expect(processesMentioning(p.dir)).toEqual([]);
  });
  }
});

describe("bounded output", () => {
  for (const mode of MODES) {
  it(`a script printing 200 MB without a newline ends quickly, with the CLI's memory and the log capped (${mode.name})`, async () => {
    const { p } = unruly("flood");
    const child = startCli(p, ["--log-limit", "5", ...mode.flags]);
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // exited
      }
    }, 50);
    const started = Date.now();
    const result = await child;
    clearInterval(poll);
    expect(result.exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(peakKb).toBeGreaterThan(0);
    expect(peakKb).toBeLessThan(400 * 1024);
    const record = JSON.parse(result.stdout);
    const log = record.nodes[0].logs.stdout as string;
    expect(statSync(log).size).toBeLessThan(5 * 1024 * 1024 + 1024);
    expect(readFileSync(log, "utf8").slice(-200)).toContain("this log keeps the first 5242880 bytes");
    const runs = readdirSync(join(p.workspace, "runs"));
    expect(runs.length).toBeGreaterThan(0);
    expectMode(result.stdout, mode);
  });
  }
});
