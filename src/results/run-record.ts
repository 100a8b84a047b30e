import { z } from "zod";

const iso = z.string();

export const outputFileSchema = z.object({
  /** Relative to the output folder. */
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  /** Data rows, for CSV/TSV/Parquet files when they can be counted. */
  rows: z.number().int().nonnegative().optional(),
});

export const outputRecordSchema = z.object({
  logicalName: z.string(),
  path: z.string(),
  fileCount: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
  /** Largest files first, at most 50. */
  files: z.array(outputFileSchema),
});

const nodeBase = z.object({
  name: z.string(),
  stepType: z.string(),
  scriptPath: z.string(),
  env: z.record(z.string(), z.string()),
  args: z.array(z.string()),
  inputs: z.record(z.string(), z.string()),
  /** `hit`: results reused from an earlier run; `miss`: run now (or not at all). */
  cache: z.enum(["hit", "miss"]),
  cacheReason: z.string(),
  logs: z.object({ stdout: z.string(), stderr: z.string() }).optional(),
});

const timing = {
  startedAt: iso,
  finishedAt: iso,
  durationMs: z.number().nonnegative(),
  cpuMs: z.number().nonnegative().optional(),
  peakRssKb: z.number().nonnegative().optional(),
};

export const failureSchema = z.object({
  kind: z.enum(["exit", "exception", "timeout", "spawn", "missing-output", "interrupted"]),
  message: z.string(),
  exitCode: z.number().int().optional(),
  signal: z.string().optional(),
  /** Last lines of stderr (or stdout), for the summary. */
  tail: z.array(z.string()),
});

export const nodeRecordSchema = z.discriminatedUnion("status", [
  nodeBase.extend({ status: z.literal("succeeded"), ...timing, outputs: z.array(outputRecordSchema) }),
  nodeBase.extend({ status: z.literal("failed"), ...timing, error: failureSchema, outputs: z.array(outputRecordSchema) }),
  nodeBase.extend({
    status: z.literal("skipped"),
    /** The failed (or skipped) ancestor this node waited for. */
    skippedBecause: z.string(),
    durationMs: z.literal(0),
  }),
]);

export const wireRecordSchema = z.object({
  node: z.string(),
  input: z.string(),
  fromNode: z.string(),
  fromOutput: z.string(),
  kind: z.enum(["explicit", "name", "alias", "semantic"]),
  confidence: z.number(),
});

/** `run.json`: one record feeds the CLI summary, the notebook, the workbook and the report. */
export const runRecordSchema = z.object({
  format: z.literal("cursus-lab.run"),
  version: z.literal(1),
  runId: z.string(),
  dag: z.string(),
  config: z.string(),
  workspace: z.string(),
  runDir: z.string(),
  python: z.string(),
  jobs: z.number().int().positive(),
  startedAt: iso,
  finishedAt: iso,
  durationMs: z.number().nonnegative(),
  status: z.enum(["succeeded", "failed", "interrupted"]),
  counts: z.object({ succeeded: z.number(), failed: z.number(), skipped: z.number(), cached: z.number() }),
  phantoms: z.array(z.object({ node: z.string(), reason: z.string() })),
  wires: z.array(wireRecordSchema),
  nodes: z.array(nodeRecordSchema),
});

export type RunRecord = z.infer<typeof runRecordSchema>;
export type NodeRecord = z.infer<typeof nodeRecordSchema>;
export type OutputRecord = z.infer<typeof outputRecordSchema>;
export type Failure = z.infer<typeof failureSchema>;
