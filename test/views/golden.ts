import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { root } from "../kernel/project.js";

/**
 * Compares a rendered artifact with its golden file under test/views/golden. Machine-specific paths are
 * replaced first. `UPDATE_GOLDEN=1` rewrites the file (review the diff before committing it).
 */
export function expectGolden(name: string, actual: string, replacements: Readonly<Record<string, string>> = {}): void {
  let text = actual.split(root).join("<root>");
  for (const [from, to] of Object.entries(replacements)) text = text.split(from).join(to);
  const file = join(root, "test", "views", "golden", name);
  if (process.env["UPDATE_GOLDEN"] === "1") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`no golden file ${file}: run with UPDATE_GOLDEN=1 to create it`);
  expect(text).toBe(readFileSync(file, "utf8"));
}
