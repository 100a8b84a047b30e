import { z } from "zod";
import { scriptOverridesSchema } from "../specs/script-overrides.js";

/** The JSON written by `saveConfigurations`: the user's overrides (what is loaded back) and the specs they gave (for reading). */
export const savedConfigurationsSchema = z.object({
  format: z.literal("cursus-lab.configurations"),
  version: z.literal(1),
  dag: z.string(),
  config: z.string(),
  overrides: z.record(z.string(), scriptOverridesSchema),
  // Only the overrides are loaded back; the specs are for people to read, so a file written when a spec
  // had another shape (an input's `from` as text) still loads.
  specs: z.record(z.string(), z.unknown()).optional(),
});

export type SavedConfigurations = z.infer<typeof savedConfigurationsSchema>;
