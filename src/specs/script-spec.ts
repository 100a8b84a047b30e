import { z } from "zod";

/** A node's output, structured: `{node: "prep.v1", output: "data"}`. */
export const outputRef = z.object({ node: z.string(), output: z.string() });
export type OutputRef = z.infer<typeof outputRef>;

/** How an output reference reads to a user. */
export const refText = (ref: OutputRef): string => `${ref.node}.${ref.output}`;

const pathEntry = z.object({
  path: z.string(),
  required: z.boolean(),
  containerPath: z.string(),
  source: z.enum(["user", "upstream", "default"]),
  /** The upstream node's output when the input is wired; node names may hold dots, so never a joined string. */
  from: outputRef.optional(),
});

const valueEntry = z.object({ value: z.string(), source: z.string() });

/** A script node ready to run: every input, output, env var and job argument resolved, with its source. */
export const scriptSpecSchema = z.object({
  node: z.string(),
  stepType: z.string(),
  scriptPath: z.string(),
  inputs: z.record(z.string(), pathEntry),
  outputs: z.record(z.string(), pathEntry.omit({ from: true })),
  env: z.record(z.string(), valueEntry),
  args: z.array(z.object({ flag: z.string(), dest: z.string(), value: z.string(), source: z.string() })),
});

export type ScriptSpec = z.infer<typeof scriptSpecSchema>;
export type InputEntry = ScriptSpec["inputs"][string];
