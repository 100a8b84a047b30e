import { lstatSync, readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { readJsonIf } from "./atomic-json.js";

/** A run's mark in its folder while it goes: its process and start, so the trash it may read from is kept. */
export const ACTIVE_FILE = "active.json";
/** What a run killed outright leaves of its mark once its scratch is cleared. */
const KILLED_FILE = "killed.json";
const activeSchema = z.object({ pid: z.number().int(), since: z.number() });

/** A run found killed outright and cleared, for the next run's record to tell. */
export interface KilledRun {
  readonly runId: string;
  readonly pid: number;
  readonly startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const listIfFolder = (dir: string): string[] => (lstatSync(dir, { throwIfNoEntry: false })?.isDirectory() === true ? readdirSync(dir) : []);

/** Whether this call cleared it (another run may have, first). */
function clearKilledRun(runDir: string, discard: (dir: string) => void): boolean {
  const nodes = join(runDir, "nodes");
  const scratch = [join(runDir, "fork-server"), ...listIfFolder(nodes).flatMap((n) => ["entry", "work", "tmp", "sandbox"].map((part) => join(nodes, n, part)))];
  try {
    for (const dir of scratch) if (lstatSync(dir, { throwIfNoEntry: false }) !== undefined) discard(dir);
    renameSync(join(runDir, ACTIVE_FILE), join(runDir, KILLED_FILE));
    return true;
  } catch {
    // Another run cleared it first, or it is not ours to move: what is left stays, as it was.
    return false;
  }
}

/**
 * Start times of the workspace's runs whose process is alive. A run killed outright (SIGKILL, a crash)
 * leaves its mark with a dead process and no run.json: its staging folders and scratch, which nothing
 * refers to and which may be large, are discarded; its logs and harness specs stay for a look, its mark
 * becomes `killed.json`, and `killed` hears of it. A run that ended or was interrupted wrote its record
 * and removed its mark, and a folder without a mark may be a run just starting: both are kept whole.
 */
export function liveRunStarts(workspace: string, discard: (dir: string) => void, killed: (run: KilledRun) => void): number[] {
  const runs = join(workspace, "runs");
  const found: number[] = [];
  for (const id of readdirSync(runs)) {
    const mark = readJsonIf(join(runs, id, ACTIVE_FILE), activeSchema);
    if (mark === undefined) continue;
    if (isAlive(mark.pid)) found.push(mark.since);
    else if (lstatSync(join(runs, id, "run.json"), { throwIfNoEntry: false }) === undefined && clearKilledRun(join(runs, id), discard)) {
      killed({ runId: id, pid: mark.pid, startedAt: new Date(mark.since).toISOString() });
    }
  }
  return found;
}
