import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import writeFileAtomic from "write-file-atomic";

/**
 * Parsed file texts remembered across processes, one JSON file per text named by the text's SHA-256:
 * parsing the built-in catalog's YAML costs more than a no-op run's own work, and the texts rarely
 * change. Content-named entries never go stale and need no lock: two processes write the same bytes.
 * The memo is an optimisation only: a folder that cannot be written, or an entry that cannot be read,
 * means parsing again.
 */
export function parseRemembered(text: string, kind: string, parse: (text: string) => unknown): unknown {
  const folder = memoFolder();
  const file = join(folder, `${kind}-${createHash("sha256").update(text).digest("hex")}.json`);
  const remembered = readEntry(file);
  if (remembered !== undefined) return remembered.value;
  const value = parse(text);
  if (isPlainJson(value)) {
    try {
      mkdirSync(folder, { recursive: true });
      writeFileAtomic.sync(file, JSON.stringify({ value }));
    } catch {
      // A read-only or full cache folder: the next process parses again.
    }
  }
  return value;
}

/** `CURSUS_LAB_CACHE`, else the XDG cache folder. */
function memoFolder(): string {
  const explicit = process.env["CURSUS_LAB_CACHE"];
  if (explicit !== undefined && explicit !== "") return join(explicit, "parsed");
  const xdg = process.env["XDG_CACHE_HOME"];
  return join(xdg !== undefined && xdg !== "" ? xdg : join(homedir(), ".cache"), "cursus-lab", "parsed");
}

function readEntry(file: string): { value: unknown } | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, "utf8")) as unknown;
    return typeof entry === "object" && entry !== null && "value" in entry ? { value: entry.value } : undefined;
  } catch {
    return undefined;
  }
}

/** Only values JSON gives back unchanged are remembered (YAML also knows `.inf`, `.nan` and non-string keys). */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(isPlainJson);
}
