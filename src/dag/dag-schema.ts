import { z } from "zod";
import * as msg from "../messages.js";

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;
const nodeName = z
  .string()
  .min(1, "node names must not be empty")
  .refine((name) => !CONTROL.test(name), msg.nodeNameControlChars());
const body = z.object({
  description: z.string().optional(),
  nodes: z.array(nodeName),
  edges: z.array(z.tuple([nodeName, nodeName])).default([]),
});

const wrappedSchema = z.object({ dag: body, metadata: z.record(z.string(), z.unknown()).optional() });

/** A cursus `*.dag.json` (`{"dag": {...}, "metadata": {...}}`) or a bare `{"nodes", "edges"}`. */
export const dagFileSchema = z.union([wrappedSchema, body]);

export type DagFile = z.infer<typeof dagFileSchema>;

/**
 * The one form a raw value claims to be (a `dag` key means the cursus file form), so a misplaced field is
 * reported at its JSON path (`dag.nodes`) instead of as "matches neither form".
 */
export function dagSchemaFor(raw: unknown): z.ZodType<DagFile> {
  return raw !== null && typeof raw === "object" && !Array.isArray(raw) && "dag" in raw ? wrappedSchema : body;
}
