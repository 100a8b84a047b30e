import Table from "cli-table3";

/** A plain box-drawn table (no colour codes), wrapped to `width` columns; shared by the CLI and text/plain fallbacks. */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[], width = 120): string {
  const natural = head.map((h, i) => Math.max(h.length, ...rows.map((r) => longestLine(r[i] ?? ""))) + 2);
  const budget = Math.max(width - head.length - 1, head.length * 8);
  const colWidths = fit(natural, budget);
  const table = new Table({ head: [...head], colWidths, wordWrap: true, style: { head: [], border: [] } });
  for (const row of rows) table.push([...row]);
  return table.toString();
}

function longestLine(text: string): number {
  return Math.max(...text.split("\n").map((l) => l.length));
}

/** Caps the leading columns, then shrinks the widest until the table fits; the last column keeps the most room. */
function fit(widths: number[], budget: number): number[] {
  const out = widths.map((w, i) => (i < widths.length - 1 ? Math.min(w, 34) : w));
  while (out.reduce((a, b) => a + b, 0) > budget) {
    const widest = out.indexOf(Math.max(...out));
    if (out[widest]! <= 8) break;
    out[widest] = out[widest]! - 1;
  }
  return out;
}
