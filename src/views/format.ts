import type { OutputRecord } from "../results/run-record.js";

/** `1.2 MB`, `340 B`: sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** `850 ms`, `4.2 s`, `3 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

/** `3 files`, `1 row`. */
export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** Data rows of the files of an output that were counted (CSV, TSV, Parquet); undefined when none was. */
export function outputRows(output: OutputRecord): number | undefined {
  const counted = output.files.filter((f) => f.rows !== undefined);
  return counted.length === 0 ? undefined : counted.reduce((sum, f) => sum + f.rows!, 0);
}

/** `processed_data: 3 files, 31 KB, 143 rows`: what a node left in one output. */
export function outputLine(output: OutputRecord): string {
  const rows = outputRows(output);
  return `${output.logicalName}: ${plural(output.fileCount, "file")}, ${formatBytes(output.totalBytes)}${rows === undefined ? "" : `, ${plural(rows, "row")}`}`;
}
