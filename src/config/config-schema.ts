import { z } from "zod";
import * as msg from "../messages.js";

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * An object kept as it was given: zod's records leave out a `__proto__` key, and a config block may be
 * keyed `__proto__` (or `constructor`) all the same, so these keys must reach discovery as keys.
 */
const ownRecord = <T extends z.ZodType>(item: T, expected: string) =>
  z.custom<Record<string, z.infer<T>>>(isObject, { message: expected }).superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      const result = item.safeParse(value[key]);
      if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [key, ...issue.path] });
    }
  });

const block = ownRecord(z.unknown(), msg.configFieldsExpected());

/** The raw pipeline config JSON written by cursus, before its type markers are decoded. */
export const configFileSchema = z.object({
  configuration: z.object({
    shared: block.default({}),
    specific: ownRecord(block, msg.configBlocksExpected()),
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
