import { closeSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import type { OutputRecord } from "../results/run-record.js";

export interface TablePreview {
  /** Relative to the output folder. */
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns beyond the ones shown. */
  readonly hiddenColumns: number;
}

const HEAD_BYTES = 64 * 1024;
const MAX_COLUMNS = 10;

/** One CSV/TSV line into fields; quotes as RFC 4180 writes them (pandas' `to_csv` included). */
export function splitDelimited(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

function readHead(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, read).toString("utf8");
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The first rows of the first CSV/TSV file of an output, read from its stored folder (only the file's
 * head, so a large output costs nothing). Undefined when the output has no such file or it is gone.
 */
export function tablePreview(output: OutputRecord, maxRows = 5): TablePreview | undefined {
  const file = output.files.find((f) => /\.(csv|tsv)$/i.test(f.path));
  if (file === undefined) return undefined;
  const text = readHead(join(output.path, file.path));
  if (text === undefined) return undefined;
  const delimiter = /\.tsv$/i.test(file.path) ? "\t" : ",";
  // The last line of the head may be cut: keep only whole lines.
  const lines = text.split(/\r?\n/).slice(0, maxRows + 1).filter((l, i, all) => l !== "" && (i < all.length - 1 || text.length < HEAD_BYTES));
  if (lines.length === 0) return undefined;
  const [head, ...body] = lines.map((l) => splitDelimited(l, delimiter));
  return {
    file: file.path,
    columns: head!.slice(0, MAX_COLUMNS),
    rows: body.map((r) => r.slice(0, MAX_COLUMNS)),
    hiddenColumns: Math.max(0, head!.length - MAX_COLUMNS),
  };
}
