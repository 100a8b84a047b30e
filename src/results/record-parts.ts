import type { PipelineModel } from "../model/pipeline-model.js";
import type { NodeRecord, RunRecord } from "./run-record.js";

/** What a run record says of the pipeline, so it explains itself without the pipeline's files. */
export type RecordContext = Pick<RunRecord, "phantoms" | "discovery" | "wires" | "edges"> & { readonly description?: string };

/** The wires listed are those that feed `nodes` (every node when not given) under the model's overrides. */
export function recordContext(model: PipelineModel, nodes?: ReadonlySet<string>): RecordContext {
  const { base } = model;
  const wires = base.wiring.wires.filter((w) => (nodes === undefined || nodes.has(w.node)) && model.feeds(w));
  return {
    phantoms: phantomsOf(model),
    discovery: base.discovery.nodes.map((n) => ({
      name: n.name,
      status: n.status,
      stepType: n.stepType,
      ...(n.status === "script" ? { scriptPath: n.scriptPath } : { reason: n.reason }),
    })),
    wires: wires.map((w) => ({ node: w.node, input: w.input, fromNode: w.fromNode, fromOutput: w.fromOutput, kind: w.kind, confidence: w.confidence })),
    edges: base.dag.edges.map(([from, to]) => [from, to] as [string, string]),
    ...(base.dag.description === undefined ? {} : { description: base.dag.description }),
  };
}

export function phantomsOf(model: PipelineModel): RecordContext["phantoms"] {
  return model.base.discovery.nodes.flatMap((n) => (n.status === "phantom" ? [{ node: n.name, reason: n.reason }] : []));
}

/** A run's status and counts from its node records; one rule for the CLI's run, the workbook and the live display. */
export function summarise(nodes: readonly NodeRecord[], aborted: boolean): Pick<RunRecord, "status" | "counts"> {
  const count = (pred: (n: NodeRecord) => boolean): number => nodes.filter(pred).length;
  const status = aborted || nodes.some((n) => n.status === "interrupted") ? "interrupted" : nodes.every((n) => n.status === "succeeded") ? "succeeded" : "failed";
  return {
    status,
    counts: {
      // Reused results are successes too: `cached` says how many of them were.
      succeeded: count((n) => n.status === "succeeded"),
      failed: count((n) => n.status === "failed"),
      skipped: count((n) => n.status === "skipped"),
      cached: count((n) => n.cache === "hit"),
      interrupted: count((n) => n.status === "interrupted"),
    },
  };
}
