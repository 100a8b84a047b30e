import { join } from "node:path";
import pLimit from "p-limit";
import type { NodeRecord, RunRecord } from "../results/run-record.js";
import type { ScriptSpec } from "../specs/script-spec.js";
import { hashFile, hashPath } from "./content-hash.js";
import { NodeCache, type Fingerprint } from "./node-cache.js";
import { describeOutput } from "./output-stats.js";
import type { RunObserver } from "./run-events.js";
import { prepareInputs, runNode, type NodeOutcome } from "./run-node.js";
import type { Wire } from "./wire-edges.js";

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
  /** Interpreter path and the version it reported, e.g. `/usr/bin/python3 (3.11.2)`. */
  readonly python: { readonly path: string; readonly version: string };
  readonly harness: string;
  readonly jobs: number;
  readonly timeoutMs: number | undefined;
  readonly force: boolean;
  /** Topological order. */
  readonly nodes: readonly PlannedNode[];
  readonly phantoms: readonly { node: string; reason: string }[];
  readonly wires: readonly Wire[];
}

/** Runs the plan's nodes as processes, parents first, up to `jobs` at once; emits events, never prints. */
export async function runPipeline(plan: RunPlan, observer: RunObserver = () => {}, signal: AbortSignal = new AbortController().signal): Promise<RunRecord> {
  const started = new Date();
  const cache = new NodeCache(plan.workspace);
  const limit = pLimit(plan.jobs);
  const harnessHash = await hashFile(plan.harness, cache.memo);
  const done = new Map<string, Promise<NodeRecord>>();
  observer({ type: "run-started", runId: plan.runId, nodes: plan.nodes.map((n) => n.spec.node), jobs: plan.jobs });

  const runOne = async (planned: PlannedNode): Promise<NodeRecord> => {
    const parents = await Promise.all(planned.parents.map((p) => done.get(p)!));
    const base = baseRecord(planned.spec);
    const blocker = parents.find((p) => p.status !== "succeeded");
    if (blocker !== undefined || signal.aborted) {
      const skippedBecause = blocker === undefined ? "(run interrupted)" : blocker.status === "skipped" ? blocker.skippedBecause : blocker.name;
      const reason = blocker === undefined ? "not run: the run was interrupted" : `not run: ancestor ${skippedBecause} failed`;
      return finish({ ...base, status: "skipped", skippedBecause, durationMs: 0, cache: "miss", cacheReason: reason });
    }
    return limit(async () => {
      if (signal.aborted) return finish({ ...base, status: "skipped", skippedBecause: "(run interrupted)", durationMs: 0, cache: "miss", cacheReason: "not run: the run was interrupted" });
      prepareInputs(planned.spec);
      const fingerprint = await fingerprintOf(planned.spec, plan, harnessHash, cache);
      const decision = await cache.decide(planned.spec.node, fingerprint, plan.force);
      const at = new Date().toISOString();
      if (decision.hit) {
        const outputs = await Promise.all(Object.entries(planned.spec.outputs).map(([l, o]) => describeOutput(l, o.path)));
        return finish({ ...base, status: "succeeded", cache: "hit", cacheReason: decision.reason, startedAt: at, finishedAt: at, durationMs: 0, outputs });
      }
      observer({ type: "node-started", node: planned.spec.node, at });
      const outcome = await runNode({
        spec: planned.spec,
        runId: plan.runId,
        python: plan.python.path,
        harness: plan.harness,
        nodeDir: join(plan.runDir, "nodes", planned.spec.node),
        timeoutMs: plan.timeoutMs,
        signal,
        onLine: (stream, line) => observer({ type: "node-output", node: planned.spec.node, stream, line }),
      });
      const record = outcomeRecord(base, outcome, decision.reason);
      if (record.status === "succeeded") await cache.store(planned.spec.node, plan.runId, fingerprint, record);
      return finish(record);
    });
  };
  const finish = (record: NodeRecord): NodeRecord => {
    observer({ type: "node-finished", node: record.name, record });
    return record;
  };

  for (const planned of plan.nodes) done.set(planned.spec.node, runOne(planned));
  const nodes = await Promise.all(plan.nodes.map((n) => done.get(n.spec.node)!));
  cache.saveMemo();

  const finished = new Date();
  const count = (pred: (n: NodeRecord) => boolean): number => nodes.filter(pred).length;
  const status = signal.aborted ? "interrupted" : nodes.every((n) => n.status === "succeeded") ? "succeeded" : "failed";
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
    },
    phantoms: [...plan.phantoms],
    wires: [...plan.wires],
    nodes,
  };
}

function baseRecord(spec: ScriptSpec) {
  return {
    name: spec.node,
    stepType: spec.stepType,
    scriptPath: spec.scriptPath,
    env: Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, v.value])),
    args: spec.args.flatMap((a) => [a.flag, a.value]),
    inputs: Object.fromEntries(Object.entries(spec.inputs).map(([k, v]) => [k, v.path])),
  };
}

function outcomeRecord(base: ReturnType<typeof baseRecord>, outcome: NodeOutcome, cacheReason: string): NodeRecord {
  const { failure, ...rest } = outcome;
  const common = { ...base, ...rest, cache: "miss" as const, cacheReason };
  return failure === undefined ? { ...common, status: "succeeded" } : { ...common, status: "failed", error: failure };
}

async function fingerprintOf(spec: ScriptSpec, plan: RunPlan, harness: string, cache: NodeCache): Promise<Fingerprint> {
  const inputs: Record<string, string> = {};
  for (const [logical, input] of Object.entries(spec.inputs)) inputs[logical] = await hashPath(input.path, cache.memo);
  return {
    script: await hashFile(spec.scriptPath, cache.memo),
    harness,
    python: `${plan.python.path} (${plan.python.version})`,
    env: Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, v.value])),
    args: spec.args.map((a) => `${a.flag}=${a.value}`),
    inputs,
    outputs: Object.fromEntries(Object.entries(spec.outputs).map(([k, v]) => [k, v.path])),
  };
}
