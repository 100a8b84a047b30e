import { createReadStream, lstatSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { OutputRecord } from "../results/run-record.js";

const MAX_LISTED = 50;
const DELIMITED = /\.(csv|tsv)$/i;
const PARQUET = /\.parquet$/i;

/**
 * Files under `dir`, depth first, sorted so records are stable. Links are not followed. Synchronous, as
 * the digests' walk is: a round trip through the thread pool per folder costs more than the call.
 */
export function listFiles(dir: string, into: string[] = []): string[] {
  let entries;
  try {
    // An output a script replaced with a link to / must not send us through the whole file system.
    if (lstatSync(dir).isSymbolicLink()) return into;
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return into;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, into);
    else if (entry.isFile()) into.push(full);
  }
  return into;
}

/** What a node left in one output folder: files, sizes, and data rows of CSV/TSV/Parquet files, so dropped rows show. */
export async function describeOutput(logicalName: string, dir: string): Promise<OutputRecord> {
  const files = listFiles(dir);
  const described = await Promise.all(
    files.map(async (file) => {
      const { size } = statSync(file);
      const rows = DELIMITED.test(file) ? await countCsvRows(file) : PARQUET.test(file) ? await countParquetRows(file) : undefined;
      return { path: relative(dir, file), bytes: size, ...(rows === undefined ? {} : { rows }) };
    }),
  );
  const totalBytes = described.reduce((sum, f) => sum + f.bytes, 0);
  const listed = [...described].sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path)).slice(0, MAX_LISTED);
  return { logicalName, path: dir, fileCount: files.length, totalBytes, files: listed };
}

const FIRST_LINE_LIMIT = 64 * 1024;
const NUMBER = /^\s*"?[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?"?\s*$/;

/**
 * A first line with a number in it is data (an inference payload, an export without names); otherwise it
 * is taken as the header, as column names are not numbers.
 */
function isHeader(firstLine: string, separator: string): boolean {
  return !firstLine.split(separator).some((field) => NUMBER.test(field));
}

/** Data records (the header line, when there is one, not counted); newlines inside quoted fields do not end a record. */
export async function countCsvRows(file: string): Promise<number> {
  let records = 0;
  let inQuotes = false;
  let lastByte = 0x0a;
  const first: Buffer[] = [];
  let firstBytes = 0;
  let firstDone = false;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === 0x22) inQuotes = !inQuotes;
      else if (byte === 0x0a && !inQuotes) {
        records++;
        if (!firstDone) {
          first.push(chunk.subarray(0, i));
          firstDone = true;
        }
      }
      lastByte = byte;
    }
    if (!firstDone && firstBytes < FIRST_LINE_LIMIT) {
      first.push(chunk);
      firstBytes += chunk.length;
    }
  }
  if (lastByte !== 0x0a) records++;
  if (records === 0) return 0;
  const firstLine = Buffer.concat(first).subarray(0, FIRST_LINE_LIMIT).toString("utf8");
  return isHeader(firstLine, /\.tsv$/i.test(file) ? "\t" : ",") ? records - 1 : records;
}

/**
 * The row count a Parquet file's footer states (only the footer is read). A file that is not readable
 * Parquet gets no count rather than failing the node: the script's own output check is not ours to make.
 */
export async function countParquetRows(file: string): Promise<number | undefined> {
  try {
    // Loaded on the first Parquet output only: most runs never meet one, and every command would pay for it.
    const { asyncBufferFromFile, parquetMetadataAsync } = await import("hyparquet");
    return Number((await parquetMetadataAsync(await asyncBufferFromFile(file))).num_rows);
  } catch {
    return undefined;
  }
}
