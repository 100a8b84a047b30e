import type { ConfigValue } from "../config/pipeline-config.js";
import { isSourceNumber } from "../config/source-number.js";
import { numberText } from "./python-text.js";

/**
 * The text Python's `json.dump(value, f, indent=2)` writes: `": "` after keys, a bare `,` at line ends,
 * `[]` and `{}` for empty containers, no final newline, and numbers in their Python spelling. Scripts
 * read the file back with `json.load`, so `1.0` must stay a float and a 20-digit id must stay exact.
 */
export function pyJsonDumpIndented(value: ConfigValue, ensureAscii = true, indent = 2): string {
  const text = (s: string): string => {
    const json = JSON.stringify(s);
    return ensureAscii ? json.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`) : json;
  };
  const write = (v: ConfigValue, depth: number): string => {
    if (v === null) return "null";
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "string") return text(v);
    if (typeof v === "number" || isSourceNumber(v)) return numberText(v);
    const inner = " ".repeat(indent * (depth + 1));
    const outer = " ".repeat(indent * depth);
    if (Array.isArray(v)) {
      return v.length === 0 ? "[]" : `[\n${v.map((item) => inner + write(item, depth + 1)).join(",\n")}\n${outer}]`;
    }
    const entries = Object.entries(v);
    return entries.length === 0 ? "{}" : `{\n${entries.map(([k, item]) => `${inner}${text(k)}: ${write(item, depth + 1)}`).join(",\n")}\n${outer}}`;
  };
  return write(value, 0);
}
