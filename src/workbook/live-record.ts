import type { NodeRecord, RunRecord } from "../results/run-record.js";
import type { PipelineModel } from "../model/pipeline-model.js";
import { recordContext, summarise } from "../results/record-parts.js";

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
    ...summarise(nodes, false),
    ...recordContext(model),
    nodes,
  };
}
