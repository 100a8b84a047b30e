import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readJsonFile } from "../io/read-json-file.js";
import { parseWith } from "../io/zod-issues.js";
import { runRecordSchema, type RunRecord } from "./run-record.js";

/** Writes `<runDir>/run.json` and points `<workspace>/runs/latest` at it; both by rename, never half-written. */
export function writeRunRecord(record: RunRecord): string {
  mkdirSync(record.runDir, { recursive: true });
  const file = join(record.runDir, "run.json");
  atomicWrite(file, `${JSON.stringify(record, null, 2)}\n`);
  atomicWrite(join(record.workspace, "runs", "latest"), `${record.runId}\n`);
  return file;
}

export function readRunRecord(file: string): RunRecord {
  return parseWith(runRecordSchema, readJsonFile(file, "run record"), file, "cursus-lab run record", "a run.json written by cursus-lab run");
}

/** The newest run of a workspace, if any. */
export function latestRunFile(workspace: string): string | undefined {
  try {
    const runId = readFileSync(join(workspace, "runs", "latest"), "utf8").trim();
    return runId === "" ? undefined : join(workspace, "runs", runId, "run.json");
  } catch {
    return undefined;
  }
}

function atomicWrite(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}
