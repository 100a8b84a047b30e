import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";
import { DEFAULT_WORKSPACE } from "../model/model-options.js";
import type { RunRecord } from "../results/run-record.js";
import { latestRunFile, readRunRecord } from "../results/write-run-record.js";

/** The run.json a report is made from: a run folder, the file itself, or a workspace's latest run. */
export function locateRun(target: string | undefined, workspace: string | undefined): string {
  if (target === undefined) {
    const ws = workspace ?? DEFAULT_WORKSPACE;
    const latest = latestRunFile(ws);
    if (latest === undefined || !existsSync(latest)) throw new CursusLabError("REPORT_NO_RUN", msg.reportNoRun(ws), msg.reportNoRunHint(), { file: ws });
    return latest;
  }
  if (!existsSync(target)) throw new CursusLabError("REPORT_RUN_MISSING", msg.reportRunMissing(target), msg.reportRunMissingHint(), { file: target });
  if (statSync(target).isDirectory()) {
    const file = join(target, "run.json");
    if (!existsSync(file)) throw new CursusLabError("REPORT_RUN_MISSING", msg.reportRunDirEmpty(target), msg.reportRunMissingHint(), { file });
    return file;
  }
  return target;
}

/** The run of the same workspace just before `record`, when there is one that still reads. */
export function previousRun(record: RunRecord): RunRecord | undefined {
  const runs = join(record.workspace, "runs");
  let ids: string[];
  try {
    ids = readdirSync(runs).filter((id) => id < record.runId && existsSync(join(runs, id, "run.json")));
  } catch {
    return undefined;
  }
  for (const id of ids.sort().reverse()) {
    try {
      return readRunRecord(join(runs, id, "run.json"));
    } catch {
      // A run of another version or a damaged file: compare against an older one instead.
    }
  }
  return undefined;
}
