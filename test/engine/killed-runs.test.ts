import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Store } from "../../src/engine/store.js";
import { runRecordSchema } from "../../src/results/run-record.js";
import { runSummaryText } from "../../src/views/run-summary-text.js";
import { cli, toyArgs, toyPipeline } from "../runner/toy-pipeline.js";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A pid whose process has ended, as a run killed with SIGKILL leaves in its mark. */
const deadPid = (): number => spawnSync("true").pid!;

function runFolder(workspace: string, id: string, mark: { pid: number } | undefined, record: boolean): string {
  const dir = join(workspace, "runs", id);
  mkdirSync(join(dir, "nodes", "N", "entry", "outputs", "data"), { recursive: true });
  mkdirSync(join(dir, "nodes", "N", "tmp"), { recursive: true });
  writeFileSync(join(dir, "nodes", "N", "entry", "outputs", "data", "part.csv"), "a\n1\n");
  writeFileSync(join(dir, "nodes", "N", "stderr.log"), "Traceback: what the user wants to read\n");
  if (mark !== undefined) writeFileSync(join(dir, "active.json"), JSON.stringify({ pid: mark.pid, since: Date.now() }));
  if (record) writeFileSync(join(dir, "run.json"), "{}\n");
  return dir;
}

describe("folders of runs killed outright", () => {
  it("lose their staging and scratch when a store opens, and keep their logs; runs alive, ended, interrupted or just starting are kept whole", async () => {
    const workspace = mkdtempSync(join(tmpdir(), "cursus-lab-killed-"));
    made.push(workspace);
    new Store(workspace);
    const killed = runFolder(workspace, "killed", { pid: deadPid() }, false);
    const alive = runFolder(workspace, "alive", { pid: process.pid }, false);
    const interrupted = runFolder(workspace, "interrupted", { pid: deadPid() }, true);
    const ended = runFolder(workspace, "ended", undefined, true);
    const starting = runFolder(workspace, "starting", undefined, false);
    new Store(workspace);
    expect(existsSync(join(killed, "nodes", "N", "entry"))).toBe(false);
    expect(existsSync(join(killed, "nodes", "N", "tmp"))).toBe(false);
    expect(readFileSync(join(killed, "nodes", "N", "stderr.log"), "utf8")).toContain("what the user wants to read");
    expect(existsSync(join(killed, "active.json"))).toBe(false);
    expect(existsSync(join(killed, "killed.json"))).toBe(true);
    for (const dir of [alive, interrupted, ended, starting]) expect(existsSync(join(dir, "nodes", "N", "entry", "outputs", "data", "part.csv")), dir).toBe(true);
  });

  it("are named by the next run, in its record and its summary, once", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    made.push(p.dir);
    const pid = deadPid();
    runFolder(p.workspace, "2026-01-01T00-00-00-000Z", { pid }, false);
    const first = await cli(["run", "--json", ...toyArgs(p), "--entry", "main"]);
    expect(first.exitCode, first.stderr).toBe(0);
    const record = runRecordSchema.parse(JSON.parse(first.stdout));
    expect(record.killedRuns).toEqual([{ runId: "2026-01-01T00-00-00-000Z", pid, startedAt: expect.any(String) }]);
    const dir = join(p.workspace, "runs", "2026-01-01T00-00-00-000Z");
    expect(runSummaryText(record)).toContain(`note: run 2026-01-01T00-00-00-000Z (pid ${pid}) was killed before it finished; its staging and scratch were cleared, its logs and specs are in ${dir}`);
    const again = await cli(["run", "--json", ...toyArgs(p), "--entry", "main", "--force"]);
    expect(runRecordSchema.parse(JSON.parse(again.stdout)).killedRuns).toBeUndefined();
  }, 60_000);
});
