import { z } from "zod";

const block = z.record(z.string(), z.unknown());

/** The raw pipeline config JSON written by cursus, before its type markers are decoded. */
export const configFileSchema = z.object({
  configuration: z.object({
    shared: block.default({}),
    specific: z.record(z.string(), block),
  }),
  metadata: z
    .object({
      config_types: z.record(z.string(), z.string()).default({}),
      created_at: z.string().optional(),
    })
    .loose()
    .optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
