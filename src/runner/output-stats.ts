import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import type { OutputRecord } from "../results/run-record.js";

const MAX_LISTED = 50;
const ROW_COUNTED = /\.(csv|tsv)$/i;

/** Files under `dir`, depth first, sorted so records are stable. */
export async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

/** What a node left in one output folder: files, sizes, and data rows of CSV/TSV files, so dropped rows show. */
export async function describeOutput(logicalName: string, dir: string): Promise<OutputRecord> {
  const files = await listFiles(dir);
  const described = await Promise.all(
    files.map(async (file) => {
      const { size } = await stat(file);
      const rows = ROW_COUNTED.test(file) ? await countCsvRows(file) : undefined;
      return { path: relative(dir, file), bytes: size, ...(rows === undefined ? {} : { rows }) };
    }),
  );
  const totalBytes = described.reduce((sum, f) => sum + f.bytes, 0);
  const listed = [...described].sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path)).slice(0, MAX_LISTED);
  return { logicalName, path: dir, fileCount: files.length, totalBytes, files: listed };
}

/** Records after the header line; newlines inside quoted fields do not end a record. */
export async function countCsvRows(file: string): Promise<number> {
  let records = 0;
  let inQuotes = false;
  let lastByte = 0x0a;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === 0x22) inQuotes = !inQuotes;
      else if (byte === 0x0a && !inQuotes) records++;
      lastByte = byte;
    }
  }
  if (lastByte !== 0x0a) records++;
  return Math.max(0, records - 1);
}
