import { z } from "zod";
import { outputRefSchema } from "../wiring/output-ref.js";

const pathEntry = z.object({
  path: z.string(),
  required: z.boolean(),
  containerPath: z.string(),
  source: z.enum(["user", "upstream", "generated", "config", "default"]),
  /** The upstream output this path belongs to, when the input is wired. */
  from: outputRefSchema.optional(),
  /** What a generated input's files are made from (`config:hyperparameters`). */
  generatedFrom: z.string().optional(),
  /** The config attribute a config-sourced input's folder comes from (`config:inference_scripts_source`). */
  configuredFrom: z.string().optional(),
  /** The path the config names for it, when that is not on this machine and its copy beside the script is mounted. */
  movedFrom: z.string().optional(),
  /** The upstream output reaches this input as this one archive of its files (a training job's model.tar.gz). */
  archive: z.literal("model.tar.gz").optional(),
});

const valueEntry = z.object({ value: z.string(), source: z.string() });

/** A script node ready to run: every input, output, env var and job argument resolved, with its source. */
export const scriptSpecSchema = z.object({
  node: z.string(),
  stepType: z.string(),
  scriptPath: z.string(),
  inputs: z.record(z.string(), pathEntry),
  outputs: z.record(z.string(), pathEntry.omit({ from: true, generatedFrom: true, configuredFrom: true, movedFrom: true, archive: true })),
  env: z.record(z.string(), valueEntry),
  // `alone`: a switch, passed without a value, and main() gets True for it, as argparse's store_true gives.
  // `off` (a switch only): it is left out of the command line, and main() gets False, store_true's default.
  args: z.array(z.object({ flag: z.string(), dest: z.string(), value: z.string(), source: z.string(), alone: z.literal(true).optional(), off: z.literal(true).optional() })),
});

export type ScriptSpec = z.infer<typeof scriptSpecSchema>;
export type InputEntry = ScriptSpec["inputs"][string];
