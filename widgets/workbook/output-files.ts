import { fromCSV, type ColumnTable } from "arquero";
import type { NodeRecord, OutputRecord } from "../../src/results/run-record.js";
import { fetchText } from "./page-api.js";

/** The outputs of a result that has them (a skipped node has none). */
export function outputsOf(record: NodeRecord | undefined): readonly OutputRecord[] {
  return record === undefined || record.status === "skipped" ? [] : record.outputs;
}

function pick(record: NodeRecord | undefined, output: string, pattern: RegExp, file?: string): { output: OutputRecord; path: string } {
  const out = outputsOf(record).find((o) => o.logicalName === output);
  if (out === undefined) throw new Error(`${record?.name ?? "the node"} has no output ${JSON.stringify(output)} in its current result`);
  const path = file ?? out.files.find((f) => pattern.test(f.path))?.path;
  if (path === undefined) throw new Error(`${record?.name ?? "the node"}.${output} holds no ${pattern.source} file`);
  return { output: out, path };
}

/** The text of one file of a node's current result, through the server (which serves only listed files). */
export function outputText(record: NodeRecord | undefined, output: string, pattern: RegExp, file?: string): Promise<string> {
  const { path } = pick(record, output, pattern, file);
  return fetchText("file", { node: record?.name ?? "", output, path });
}

/** A CSV/TSV output as an arquero table. */
export async function outputTable(record: NodeRecord | undefined, output: string, file?: string): Promise<ColumnTable> {
  const { path } = pick(record, output, /\.(csv|tsv)$/i, file);
  const text = await fetchText("file", { node: record?.name ?? "", output, path });
  return fromCSV(text, path.toLowerCase().endsWith(".tsv") ? { delimiter: "\t" } : {});
}
