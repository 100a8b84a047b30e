import { z } from "zod";
import * as msg from "../messages.js";
import { argumentNamed } from "./arg-dest.js";

const stringMap = z.record(z.string(), z.string());

/** A JS number that prints as the value meant: beyond 2^53 or infinite, it has already lost it. */
const exactNumber = z.number().refine((n) => Number.isFinite(n) && (!Number.isInteger(n) || Number.isSafeInteger(n)), { message: msg.unsafeNumber() });
const scalar = z.union([z.string(), exactNumber, z.boolean()]).transform(String);

/** What a user may set for one script node; every key is optional and merges over the derived values. */
export const scriptOverridesSchema = z
  .object({
    inputs: stringMap.optional(),
    outputs: stringMap.optional(),
    env: z.record(z.string(), scalar).optional(),
    args: z.record(z.string(), scalar).optional(),
  })
  .strict();

export type ScriptOverrides = z.input<typeof scriptOverridesSchema>;
export type ParsedOverrides = z.output<typeof scriptOverridesSchema>;

/**
 * Later overrides win key by key; earlier keys that are not repeated stay. An argument may be named by its
 * flag or by its dest, so a later key replaces an earlier one that names the same argument either way.
 */
export function mergeOverrides(base: ParsedOverrides, next: ParsedOverrides): ParsedOverrides {
  const merged: ParsedOverrides = {};
  for (const key of ["inputs", "outputs", "env"] as const) {
    if (base[key] !== undefined || next[key] !== undefined) merged[key] = { ...base[key], ...next[key] };
  }
  if (base.args !== undefined || next.args !== undefined) {
    const renamed = new Set(Object.keys(next.args ?? {}).map(argumentNamed));
    const kept = Object.entries(base.args ?? {}).filter(([name]) => !renamed.has(argumentNamed(name)));
    merged.args = { ...Object.fromEntries(kept), ...next.args };
  }
  return merged;
}
