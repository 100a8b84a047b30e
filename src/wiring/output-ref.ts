import { z } from "zod";

/**
 * One output of one node. Kept as two fields because node names may hold dots (`prep.v1`): a joined
 * `Node.output` string cannot be split back reliably.
 */
export const outputRefSchema = z.object({ node: z.string(), output: z.string() });

export type OutputRef = z.infer<typeof outputRefSchema>;

/** For display only; never parse this back. */
export function outputRefText(ref: OutputRef): string {
  return `${ref.node}.${ref.output}`;
}
