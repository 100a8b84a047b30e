import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import writeFileAtomic from "write-file-atomic";
import type { RunRecord } from "../results/run-record.js";
import { buildReport, type ReportOptions } from "./build-report.js";

export interface WrittenReport {
  readonly file: string;
  readonly bytes: number;
}

/** Writes the one-file report of `record` to `file` (whole or not at all) and says where and how big. */
export async function writeReport(record: RunRecord, file: string, options: ReportOptions = {}): Promise<WrittenReport> {
  const html = await buildReport(record, options);
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  await writeFileAtomic(target, html);
  return { file: target, bytes: Buffer.byteLength(html) };
}
