import { z } from "zod";

const stringMap = z.record(z.string(), z.string());

/** What a user may set for one script node; every key is optional and merges over the derived values. */
export const scriptOverridesSchema = z
  .object({
    inputs: stringMap.optional(),
    outputs: stringMap.optional(),
    env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
    args: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  })
  .strict();

export type ScriptOverrides = z.input<typeof scriptOverridesSchema>;
export type ParsedOverrides = z.output<typeof scriptOverridesSchema>;

/** Later overrides win key by key; earlier keys that are not repeated stay. */
export function mergeOverrides(base: ParsedOverrides, next: ParsedOverrides): ParsedOverrides {
  const merged: ParsedOverrides = {};
  for (const key of ["inputs", "outputs", "env", "args"] as const) {
    if (base[key] !== undefined || next[key] !== undefined) merged[key] = { ...base[key], ...next[key] };
  }
  return merged;
}
