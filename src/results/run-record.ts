import { z } from "zod";
import { scriptSpecSchema } from "../specs/script-spec.js";

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
  /** Where this run's files are: the store entry after success, the run's staging folder after a failure. */
  path: z.string(),
  /** Where the user finds them: the workspace's link to the current entry, or the folder the user named. */
  shownAt: z.string().optional(),
  /** Content digest of the folder, as downstream fingerprints use it. */
  digest: z.string().optional(),
  fileCount: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
  /** Largest files first, at most 50. */
  files: z.array(outputFileSchema),
});

/** How a node's script ran when warm interpreters were asked: forked from the fork server, or a cold process and why. */
export const nodeProcessSchema = z.discriminatedUnion("kind", [z.object({ kind: z.literal("warm") }), z.object({ kind: z.literal("cold"), why: z.string().optional() })]);

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
  /** The key the node's result is stored under; absent when the node never got that far. */
  fingerprint: z.string().optional(),
  /** How the script was started (`script`: the production entry in a mount namespace; `main`: main() called), and why. */
  entry: z.enum(["main", "script"]).optional(),
  entryReason: z.string().optional(),
  /** Present when the run asked for warm interpreters (--warm). */
  process: nodeProcessSchema.optional(),
  /** The resolved spec the node ran with, every value with its source. */
  spec: scriptSpecSchema.optional(),
  /** For a reused result (cache hit): the run that produced it, so charts show the time it really took. */
  reused: z.object({ runId: z.string(), startedAt: iso, finishedAt: iso, durationMs: z.number().nonnegative() }).optional(),
});

const timing = {
  startedAt: iso,
  finishedAt: iso,
  durationMs: z.number().nonnegative(),
  cpuMs: z.number().nonnegative().optional(),
  peakRssKb: z.number().nonnegative().optional(),
};

export const failureSchema = z.object({
  kind: z.enum(["exit", "exception", "timeout", "spawn", "missing-output", "input-changed"]),
  message: z.string(),
  exitCode: z.number().int().optional(),
  signal: z.string().optional(),
  /** Last lines of stderr (or stdout), for the summary. */
  tail: z.array(z.string()),
  /** What to try, when cursus-lab can tell. */
  hint: z.string().optional(),
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
  nodeBase.extend({
    status: z.literal("interrupted"),
    /** `running`: stopped with its processes; `pending`: never started. */
    stage: z.enum(["running", "pending"]),
    message: z.string(),
    startedAt: iso.optional(),
    finishedAt: iso.optional(),
    durationMs: z.number().nonnegative(),
    tail: z.array(z.string()),
    outputs: z.array(outputRecordSchema),
  }),
]);

export const discoveryRecordSchema = z.object({
  name: z.string(),
  status: z.enum(["script", "phantom", "error", "unverified"]),
  stepType: z.string(),
  reason: z.string().optional(),
  scriptPath: z.string().optional(),
});
export type DiscoveryRecord = z.infer<typeof discoveryRecordSchema>;

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
  counts: z.object({ succeeded: z.number(), failed: z.number(), skipped: z.number(), cached: z.number(), interrupted: z.number().optional() }),
  phantoms: z.array(z.object({ node: z.string(), reason: z.string() })),
  /** Every DAG node as discovery saw it, so a record explains itself without the pipeline files. */
  discovery: z.array(discoveryRecordSchema).optional(),
  wires: z.array(wireRecordSchema),
  /** The DAG's edges (phantoms included), so the report draws the pipeline without its files. */
  edges: z.array(z.tuple([z.string(), z.string()])).optional(),
  /** The DAG's description, for the report's header. */
  description: z.string().optional(),
  nodes: z.array(nodeRecordSchema),
  /**
   * Earlier runs of the workspace this run found killed outright (SIGKILL, a crash): their staging and
   * scratch were cleared, their logs and harness specs kept in their folders.
   */
  killedRuns: z.array(z.object({ runId: z.string(), pid: z.number().int(), startedAt: iso })).optional(),
  /** Set when every node was reused because nothing run `from` read had changed (`paths` paths checked by stat). */
  settled: z.object({ from: z.string(), paths: z.number().int().nonnegative() }).optional(),
});

export type RunRecord = z.infer<typeof runRecordSchema>;
export type NodeRecord = z.infer<typeof nodeRecordSchema>;
export type OutputRecord = z.infer<typeof outputRecordSchema>;
export type Failure = z.infer<typeof failureSchema>;
export type NodeProcessRecord = z.infer<typeof nodeProcessSchema>;
