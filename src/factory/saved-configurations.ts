import { z } from "zod";
import { scriptOverridesSchema } from "../specs/script-overrides.js";
import { scriptSpecSchema } from "../specs/script-spec.js";

/** The JSON written by `saveConfigurations`: the user's overrides (what is loaded back) and the specs they gave (for reading). */
export const savedConfigurationsSchema = z.object({
  format: z.literal("cursus-lab.configurations"),
  version: z.literal(1),
  dag: z.string(),
  config: z.string(),
  overrides: z.record(z.string(), scriptOverridesSchema),
  specs: z.record(z.string(), scriptSpecSchema).optional(),
});

export type SavedConfigurations = z.infer<typeof savedConfigurationsSchema>;
