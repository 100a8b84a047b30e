import pLimit from "p-limit";
import type { RunObserver } from "../engine/run-events.js";
import { runNode, type NodeTaskContext } from "../engine/run-node.js";
import type { EntryRequest } from "../engine/entry-mode.js";
import { Store } from "../engine/store.js";
import type { DiscoveryRecord, NodeRecord, RunRecord } from "../results/run-record.js";
import type { ScriptSpec } from "../specs/script-spec.js";
import type { Wire } from "../wiring/wire-edges.js";

export interface PlannedNode {
  readonly spec: ScriptSpec;
  /** Script parents inside this run; a node waits for them and is skipped if one fails. */
  readonly parents: readonly string[];
}

export interface RunPlan {
  readonly runId: string;
  readonly runDir: string;
  readonly workspace: string;
  readonly dag: string;
  readonly config: string;
  readonly python: { readonly path: string; readonly version: string };
  readonly harness: string;
  readonly jobs: number;
  readonly timeoutMs: number | undefined;
  readonly logLimitBytes: number;
  readonly force: boolean;
  readonly entry: EntryRequest;
  /** Topological order. */
  readonly nodes: readonly PlannedNode[];
  readonly phantoms: readonly { node: string; reason: string }[];
  /** The DAG as drawn: its edges (phantoms included) and description, so a record explains itself. */
  readonly edges: readonly (readonly [string, string])[];
  readonly description: string | undefined;
  readonly discovery: readonly DiscoveryRecord[];
  readonly wires: readonly Wire[];
}

export interface RunSignals {
  /** Stops running nodes (SIGTERM, then SIGKILL) and leaves the rest unstarted; run.json is still written. */
  readonly signal?: AbortSignal;
  /** Kills running nodes at once. */
  readonly killNow?: AbortSignal;
}

/** The one-shot run: folds node tasks over the DAG, parents first, up to `jobs` at once; emits events, never prints. */
export async function runOnce(plan: RunPlan, observer: RunObserver = () => {}, signals: RunSignals = {}): Promise<RunRecord> {
  const started = new Date();
  const store = new Store(plan.workspace);
  const signal = signals.signal ?? new AbortController().signal;
  const ctx: NodeTaskContext = {
    store,
    runId: plan.runId,
    runDir: plan.runDir,
    python: plan.python,
    harness: { path: plan.harness, digest: await store.memo.file(plan.harness) },
    timeoutMs: plan.timeoutMs,
    logLimitBytes: plan.logLimitBytes,
    force: plan.force,
    entry: plan.entry,
    signal,
    ...(signals.killNow === undefined ? {} : { killNow: signals.killNow }),
    observer,
  };
  const limit = pLimit(plan.jobs);
  const done = new Map<string, Promise<NodeRecord>>();
  observer({ type: "run-started", runId: plan.runId, nodes: plan.nodes.map((n) => n.spec.node), jobs: plan.jobs });

  const task = async (planned: PlannedNode): Promise<NodeRecord> => {
    const parents = new Map<string, NodeRecord>();
    for (const p of planned.parents) parents.set(p, await done.get(p)!);
    const record = await limit(() => runNode(planned.spec, parents, ctx));
    observer({ type: "node-finished", node: record.name, record });
    return record;
  };
  store.beginRun(plan.runDir);
  let nodes: NodeRecord[];
  try {
    for (const planned of plan.nodes) done.set(planned.spec.node, task(planned));
    nodes = await Promise.all(plan.nodes.map((n) => done.get(n.spec.node)!));
  } finally {
    store.endRun(plan.runDir);
  }
  store.saveMemo();

  const finished = new Date();
  const count = (pred: (n: NodeRecord) => boolean): number => nodes.filter(pred).length;
  const status = signal.aborted || nodes.some((n) => n.status === "interrupted") ? "interrupted" : nodes.every((n) => n.status === "succeeded") ? "succeeded" : "failed";
  observer({ type: "run-finished", runId: plan.runId, status });
  return {
    format: "cursus-lab.run",
    version: 1,
    runId: plan.runId,
    dag: plan.dag,
    config: plan.config,
    workspace: plan.workspace,
    runDir: plan.runDir,
    python: `${plan.python.path} (${plan.python.version})`,
    jobs: plan.jobs,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    status,
    counts: {
      succeeded: count((n) => n.status === "succeeded"),
      failed: count((n) => n.status === "failed"),
      skipped: count((n) => n.status === "skipped"),
      cached: count((n) => n.cache === "hit"),
      interrupted: count((n) => n.status === "interrupted"),
    },
    phantoms: [...plan.phantoms],
    discovery: [...plan.discovery],
    wires: [...plan.wires],
    edges: plan.edges.map(([from, to]) => [from, to] as [string, string]),
    ...(plan.description === undefined ? {} : { description: plan.description }),
    nodes,
  };
}

