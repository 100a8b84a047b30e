import Table from "cli-table3";

/**
 * A plain box-drawn table (no colour codes) for the CLI and text/plain fallbacks. Leading columns keep
 * their full width (names are never cut); the last column wraps to what is left of `width`, and a word
 * too long for it (a path) is broken rather than truncated.
 */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[], width = 120): string {
  const natural = head.map((h, i) => Math.max(h.length, ...rows.map((r) => longestLine(r[i] ?? ""))) + 2);
  const leading = natural.slice(0, -1);
  const used = leading.reduce((a, b) => a + b, 0) + head.length + 1;
  const last = Math.max(Math.min(natural.at(-1)!, width - used), 24);
  const table = new Table({ head: [...head], colWidths: [...leading, last], style: { head: [], border: [] } });
  for (const row of rows) table.push(row.map((cell, i) => (i === row.length - 1 ? wrap(cell, last - 2) : cell)));
  return table.toString();
}

function longestLine(text: string): number {
  return Math.max(...text.split("\n").map((l) => l.length));
}

export function wrap(text: string, width: number): string {
  return text
    .split("\n")
    .map((line) => {
      const out: string[] = [];
      let current = "";
      for (const word of line.split(" ")) {
        let rest = word;
        while (rest.length > width) {
          if (current !== "") out.push(current);
          current = "";
          out.push(rest.slice(0, width));
          rest = rest.slice(width);
        }
        if (current === "") current = rest;
        else if (current.length + 1 + rest.length <= width) current += ` ${rest}`;
        else {
          out.push(current);
          current = rest;
        }
      }
      out.push(current);
      return out.join("\n");
    })
    .join("\n");
}
