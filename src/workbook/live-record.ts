import type { NodeRecord, RunRecord } from "../results/run-record.js";
import type { PipelineModel } from "../model/pipeline-model.js";

export interface LiveRun {
  readonly sessionId: string;
  readonly sessionDir: string;
  readonly python: string;
  readonly jobs: number;
}

/**
 * The session's latest node results as one run record, so the page's charts come from the same
 * renderers as the CLI's and the report's. Its time origin is the earliest start among the results.
 */
export function liveRecord(model: PipelineModel, run: LiveRun, results: ReadonlyMap<string, NodeRecord>): RunRecord {
  const { base } = model;
  const nodes = base.dag.order.flatMap((name) => {
    const record = results.get(name);
    return record === undefined ? [] : [record];
  });
  const starts = nodes.flatMap((n) => (n.status === "skipped" || n.startedAt === undefined ? [] : [Date.parse(n.startedAt)]));
  const ends = nodes.flatMap((n) => (n.status === "skipped" || n.finishedAt === undefined ? [] : [Date.parse(n.finishedAt)]));
  const startedAt = starts.length === 0 ? Date.now() : Math.min(...starts);
  const finishedAt = ends.length === 0 ? startedAt : Math.max(...ends);
  const count = (pick: (n: NodeRecord) => boolean): number => nodes.filter(pick).length;
  const failed = count((n) => n.status === "failed");
  const interrupted = count((n) => n.status === "interrupted");
  return {
    format: "cursus-lab.run",
    version: 1,
    runId: run.sessionId,
    dag: base.dag.source,
    config: base.config?.source ?? "",
    workspace: base.workspace,
    runDir: run.sessionDir,
    python: run.python,
    jobs: run.jobs,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: finishedAt - startedAt,
    status: failed > 0 ? "failed" : interrupted > 0 ? "interrupted" : "succeeded",
    counts: {
      succeeded: count((n) => n.status === "succeeded" && n.cache === "miss"),
      failed,
      skipped: count((n) => n.status === "skipped"),
      cached: count((n) => n.status === "succeeded" && n.cache === "hit"),
      interrupted,
    },
    phantoms: base.discovery.nodes.flatMap((n) => (n.status === "phantom" ? [{ node: n.name, reason: n.reason }] : [])),
    discovery: base.discovery.nodes.map((n) => ({
      name: n.name,
      status: n.status,
      stepType: n.stepType,
      ...(n.status === "script" ? { scriptPath: n.scriptPath } : { reason: n.reason }),
    })),
    wires: base.wiring.wires.map((w) => ({ node: w.node, input: w.input, fromNode: w.fromNode, fromOutput: w.fromOutput, kind: w.kind, confidence: w.confidence })),
    edges: base.dag.edges.map(([from, to]) => [from, to] as [string, string]),
    ...(base.dag.description === undefined ? {} : { description: base.dag.description }),
    nodes,
  };
}
