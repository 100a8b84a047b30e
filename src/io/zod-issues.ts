import type { z } from "zod";
import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";

/** `a.b[2].c` from a zod issue path, the way a user would search for it in the file. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(top level)" : out;
}

/** Validates `value` against `schema`, or throws one error listing every misplaced field. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string, what: string, expected: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.slice(0, 8).map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
  const first = result.error.issues[0];
  throw new CursusLabError("WRONG_SHAPE", msg.wrongShape(what, file, lines), msg.wrongShapeHint(expected), {
    file,
    at: first === undefined ? "(top level)" : jsonPath(first.path),
  });
}
