import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Store } from "../../src/engine/store.js";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A pid whose process has ended, as a run killed with SIGKILL leaves in its mark. */
const deadPid = (): number => spawnSync("true").pid!;

function runFolder(workspace: string, id: string, mark: { pid: number } | undefined, record: boolean): string {
  const dir = join(workspace, "runs", id);
  mkdirSync(join(dir, "nodes", "N", "entry", "outputs", "data"), { recursive: true });
  writeFileSync(join(dir, "nodes", "N", "entry", "outputs", "data", "part.csv"), "a\n1\n");
  if (mark !== undefined) writeFileSync(join(dir, "active.json"), JSON.stringify({ pid: mark.pid, since: Date.now() }));
  if (record) writeFileSync(join(dir, "run.json"), "{}\n");
  return dir;
}

describe("folders of runs killed outright", () => {
  it("are trashed when a store opens; runs alive, ended, interrupted or just starting are kept", async () => {
    const workspace = mkdtempSync(join(tmpdir(), "cursus-lab-killed-"));
    made.push(workspace);
    new Store(workspace);
    const killed = runFolder(workspace, "killed", { pid: deadPid() }, false);
    const alive = runFolder(workspace, "alive", { pid: process.pid }, false);
    const interrupted = runFolder(workspace, "interrupted", { pid: deadPid() }, true);
    const ended = runFolder(workspace, "ended", undefined, true);
    const starting = runFolder(workspace, "starting", undefined, false);
    new Store(workspace);
    expect(existsSync(killed)).toBe(false);
    for (const dir of [alive, interrupted, ended, starting]) expect(existsSync(dir), dir).toBe(true);
  });
});
