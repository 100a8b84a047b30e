import type { ConfigValue } from "../config/pipeline-config.js";
import { isSourceNumber } from "../config/source-number.js";

/**
 * Config values printed the way the Python config classes print them, because scripts parse these
 * strings back (`float(...)`, `json.loads(...)`, `== "true"`) and a different spelling changes behaviour.
 */

/** Python's `str(value)`: `True`, `None`, `1.0`, and `repr` for containers (`['a', 1]`, `{'k': True}`). */
export function pyStr(value: ConfigValue): string {
  return typeof value === "string" ? value : pyRepr(value);
}

/** Python's `repr(value)` for the values a config holds. */
export function pyRepr(value: ConfigValue): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return reprString(value);
  if (typeof value === "number" || isSourceNumber(value)) return numberText(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  return `{${Object.entries(value).map(([k, v]) => `${reprString(k)}: ${pyRepr(v)}`).join(", ")}}`;
}

/** Python's `json.dumps(value)` with its defaults: `", "` and `": "` separators, non-ASCII escaped. */
export function pyJsonDumps(value: ConfigValue): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return jsonString(value);
  if (typeof value === "number" || isSourceNumber(value)) return numberText(value);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(", ")}]`;
  return `{${Object.entries(value).map(([k, v]) => `${jsonString(k)}: ${pyJsonDumps(v)}`).join(", ")}}`;
}

/** Python truthiness: `if self.field:` skips None, False, 0, "" and empty containers. */
export function pyTruthy(value: ConfigValue | undefined): boolean {
  if (value === undefined || value === null || value === false || value === "") return false;
  if (typeof value === "number" || isSourceNumber(value)) return Number(value) !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

/**
 * A number's Python text. A file's numbers keep their source text; a JS number (a config given in code)
 * has lost it, so floats get Python's `repr` layout (`1e-05`, `1e+16`) and integers print as integers.
 */
export function numberText(value: number | { readonly text: string }): string {
  if (typeof value !== "number") return value.text;
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
  const [mantissa = "0", exp = "0"] = value.toExponential().split("e");
  const exponent = Number(exp);
  if (exponent >= -4 && exponent < 16) return String(value);
  const sign = exponent < 0 ? "-" : "+";
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

function jsonString(text: string): string {
  // JSON.stringify escapes quotes, backslashes and control characters as json.dumps does; json.dumps also
  // escapes every non-ASCII character (ensure_ascii), one \uXXXX per UTF-16 unit.
  return JSON.stringify(text).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
