import stringWidth from "string-width";

/**
 * A plain box-drawn table (no colour codes) for the CLI and text/plain fallbacks. Leading columns keep
 * their full width (names are never cut); the last column wraps to what is left of `width`, and a word
 * too long for it (a path) is broken rather than truncated.
 *
 * Drawn here in one pass, in cli-table3's layout: cli-table3 lays out every cell through its general
 * span and colour machinery, about 0.3 ms a row, and a run of 1,000 nodes printed its summary in 300 ms.
 */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[], width = 120): string {
  const natural = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => longestLine(r[i] ?? ""))) + 2);
  const leading = natural.slice(0, -1);
  const used = leading.reduce((a, b) => a + b, 0) + head.length + 1;
  const last = Math.max(Math.min(natural.at(-1)!, width - used), 24);
  const widths = [...leading, last];
  const rule = (left: string, mid: string, right: string): string => `${left}${widths.map((w) => "─".repeat(w)).join(mid)}${right}`;
  const lines = [rule("┌", "┬", "┐"), ...rowLines(head, widths)];
  for (const row of rows) lines.push(rule("├", "┼", "┤"), ...rowLines(row.map((cell, i) => (i === row.length - 1 ? wrap(cell, last - 2) : cell)), widths));
  lines.push(rule("└", "┴", "┘"));
  return lines.join("\n");
}

/** One table row as text lines: each cell padded by one space each side, cut with `…` past its width. */
function rowLines(cells: readonly string[], widths: readonly number[]): string[] {
  const split = widths.map((_, i) => String(cells[i] ?? "").split("\n"));
  const height = Math.max(1, ...split.map((c) => c.length));
  const lines: string[] = [];
  for (let l = 0; l < height; l++) {
    const parts = widths.map((w, i) => {
      const text = fit(split[i]![l] ?? "", w - 2);
      return ` ${text}${" ".repeat(Math.max(0, w - 2 - displayWidth(text)))} `;
    });
    lines.push(`│${parts.join("│")}│`);
  }
  return lines;
}

/** A line cut to `room` columns, its last one an ellipsis, as cli-table3 cuts. */
function fit(line: string, room: number): string {
  if (displayWidth(line) <= room) return line;
  let cut = line;
  if (cut.length === displayWidth(cut)) cut = cut.slice(0, room - 1);
  else while (displayWidth(cut) > room - 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Columns a line takes on a terminal: a wide (East Asian) character takes two. Plain ASCII, the usual case, is its length. */
function displayWidth(text: string): number {
  return PLAIN.test(text) ? text.length : stringWidth(text);
}

const PLAIN = /^[\x20-\x7e]*$/;

function longestLine(text: string): number {
  return Math.max(...text.split("\n").map(displayWidth));
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
