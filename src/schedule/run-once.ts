import pLimit from "p-limit";
import type { RunObserver } from "../engine/run-events.js";
import { runNode, type NodeTaskContext } from "../engine/run-node.js";
import type { EntryRequest } from "../engine/entry-mode.js";
import { inheritedEnv } from "../engine/node-process.js";
import { PreloadCache } from "../engine/preload-cache.js";
import { Store } from "../engine/store.js";
import { openLauncher, stopLauncher } from "../engine/launcher.js";
import { ProcessSlots } from "../engine/process-slots.js";
import { openWarmPool, stopWarmPool } from "../engine/warm-pool.js";
import type { NodeRecord, RunRecord } from "../results/run-record.js";
import { summarise, type RecordContext } from "../results/record-parts.js";
import type { ScriptSpec } from "../specs/script-spec.js";

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
  /** Fork each node from a server that preloaded what the scripts import, where that is safe. */
  readonly warm: boolean;
  /** Modules to preload besides the learned ones (settings `preload`). */
  readonly preload: readonly string[];
  /** Topological order. */
  readonly nodes: readonly PlannedNode[];
  /** What the record says of the pipeline: phantoms, discovery, wires, edges, description. */
  readonly context: RecordContext;
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
  const preload = new PreloadCache(plan.workspace);
  const warm = plan.warm
    ? openWarmPool({ python: plan.python.path, harness: plan.harness, runDir: plan.runDir, entry: plan.entry, scripts: plan.nodes.map((n) => n.spec.scriptPath), declared: plan.preload, cache: preload })
    : undefined;
  const startEnv = inheritedEnv();
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
    preload,
    ...(warm === undefined ? {} : { warm }),
    startEnv: () => startEnv,
    launcher: openLauncher(plan.python.path, plan.harness, plan.runDir),
    // One at a time is one thing at a time: with --jobs 1 a node is settled before the next starts.
    slots: new ProcessSlots(plan.jobs, plan.jobs > 1, signal),
  };
  // With more slots, a node is decided and its folder made while the slots run, so it is ready at a free one.
  const limit = pLimit(plan.jobs > 1 ? plan.jobs * 2 : 1);
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
    await stopWarmPool(warm);
    await stopLauncher(ctx.launcher);
    store.endRun(plan.runDir);
  }
  store.saveMemo();
  preload.save();

  const finished = new Date();
  const { status, counts } = summarise(nodes, signal.aborted);
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
    counts,
    ...plan.context,
    nodes,
    ...(store.killedRuns.length === 0 ? {} : { killedRuns: store.killedRuns }),
  };
}

