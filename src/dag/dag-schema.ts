import { z } from "zod";

const nodeName = z.string().min(1, "node names must not be empty");
const body = z.object({
  description: z.string().optional(),
  nodes: z.array(nodeName),
  edges: z.array(z.tuple([nodeName, nodeName])).default([]),
});

/** A cursus `*.dag.json` (`{"dag": {...}, "metadata": {...}}`) or a bare `{"nodes", "edges"}`. */
export const dagFileSchema = z.union([
  z.object({ dag: body, metadata: z.record(z.string(), z.unknown()).optional() }),
  body,
]);

export type DagFile = z.infer<typeof dagFileSchema>;
