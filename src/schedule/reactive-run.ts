import { join } from "node:path";
import pLimit, { type LimitFunction } from "p-limit";
import { Runtime, type Module, type Variable } from "@observablehq/runtime";
import { checkPythonMemoised } from "../engine/interpreter-memo.js";
import type { EntryRequest } from "../engine/entry-mode.js";
import type { RunObserver } from "../engine/run-events.js";
import { inheritedEnv } from "../engine/node-process.js";
import { runNode, type NodeTaskContext } from "../engine/run-node.js";
import { PreloadCache } from "../engine/preload-cache.js";
import { Store } from "../engine/store.js";
import { openLauncher, stopLauncher } from "../engine/launcher.js";
import { openWarmPool, stopWarmPool } from "../engine/warm-pool.js";
import { ProblemsError } from "../errors.js";
import * as msg from "../messages.js";
import type { PipelineModel } from "../model/pipeline-model.js";
import type { NodeRecord } from "../results/run-record.js";
import type { ScriptSpec } from "../specs/script-spec.js";
import { DEFAULT_LOG_LIMIT, HARNESS, defaultJobs, prepareRunFolders, requireConfig, timestampId } from "./prepare-run.js";
import { validateRun } from "./validate-run.js";

export interface ReactiveOptions {
  /** Nodes computed at once; default: the number of cores. */
  readonly jobs?: number;
  readonly python?: string;
  readonly entry?: EntryRequest;
  readonly timeoutSeconds?: number;
  readonly logLimitBytes?: number;
  /** Fork nodes from one server for the whole session, so each edit reruns without import costs. Default: the settings' `warm`. */
  readonly warm?: boolean;
}

const specVar = (node: string): string => `spec ${node}`;
const nodeVar = (node: string): string => `node ${node}`;

/**
 * The pipeline as a reactive graph (Observable runtime): one variable per script node, whose inputs are
 * its spec and its parents' results. Giving it another model version redefines only the specs that
 * changed, so exactly those nodes and their descendants compute again; a computation superseded
 * before it ends is invalidated, which stops its processes. Each node is a node task: a stored result
 * is reused without a process.
 */
export class ReactiveRun {
  private readonly runtime = new Runtime({}, () => undefined);
  private readonly module: Module = this.runtime.module();
  private readonly specVars = new Map<string, Variable>();
  private readonly specText = new Map<string, string>();
  private readonly bumps = new Map<string, number>();
  private readonly latest = new Map<string, NodeRecord>();
  private attempts = 0;
  private readonly inFlight = new Set<Promise<NodeRecord>>();
  private readonly limit: LimitFunction;

  private constructor(
    private model: PipelineModel,
    private readonly ctx: Omit<NodeTaskContext, "runDir" | "signal" | "runId">,
    private readonly sessionDir: string,
    private readonly sessionId: string,
    private readonly order: readonly { spec: ScriptSpec; parents: readonly string[] }[],
    jobs: number,
  ) {
    this.limit = pLimit(jobs);
  }

  /** Validates the model as a run does, then defines and starts every script node. */
  static async start(model: PipelineModel, options: ReactiveOptions, observer: RunObserver = () => {}): Promise<ReactiveRun> {
    requireConfig(model);
    const { planned, problems, entry } = validateRun(model, options.entry === undefined ? {} : { entry: options.entry });
    if (problems.length > 0) throw new ProblemsError("RUN_BLOCKED", msg.runBlocked(problems.length), problems, msg.runBlockedHint());
    const { base } = model;
    prepareRunFolders(model, planned);
    const store = new Store(base.workspace);
    const sessionId = `${timestampId()}-live`;
    const sessionDir = join(base.workspace, "runs", sessionId);
    const python = await checkPythonMemoised(options.python ?? base.python, base.workspace);
    const preload = new PreloadCache(base.workspace);
    const warm =
      (options.warm ?? base.settings?.warm ?? false)
        ? openWarmPool({ python: python.path, harness: HARNESS, runDir: sessionDir, entry, scripts: planned.map((n) => n.spec.scriptPath), declared: base.settings?.preload ?? [], cache: preload })
        : undefined;
    const ctx = {
      store,
      python,
      preload,
      ...(warm === undefined ? {} : { warm }),
      harness: { path: HARNESS, digest: await store.memo.file(HARNESS) },
      entry,
      force: false,
      timeoutMs: options.timeoutSeconds === undefined ? undefined : options.timeoutSeconds * 1000,
      logLimitBytes: options.logLimitBytes ?? DEFAULT_LOG_LIMIT,
      observer,
      // A session lasts: each node's process starts from the environment as it is then.
      startEnv: inheritedEnv,
      launcher: openLauncher(python.path, HARNESS, sessionDir),
    };
    const run = new ReactiveRun(model, ctx, sessionDir, sessionId, planned, defaultJobs(options.jobs));
    run.define();
    return run;
  }

  /** The result each node reached last; a node computing again keeps its previous one until it ends. */
  get results(): ReadonlyMap<string, NodeRecord> {
    return this.latest;
  }

  /** Moves to another version of the model: nodes whose spec differs, and their descendants, compute again. */
  update(model: PipelineModel): string[] {
    const changed: string[] = [];
    // Every spec is checked before any is redefined: an edit is applied whole or not at all.
    const nexts = this.order.map(({ spec }) => {
      const next = model.spec(spec.node);
      if (!next.ok) throw new ProblemsError("CONFIGURATION_INVALID", msg.configureFailed(spec.node, next.problems.length), next.problems, msg.configureFailedHint());
      return next;
    });
    this.model = model;
    for (const next of nexts) {
      const { spec } = next;
      const text = JSON.stringify(next.spec);
      if (text === this.specText.get(spec.node)) continue;
      this.specText.set(spec.node, text);
      this.specVars.get(spec.node)!.define(specVar(spec.node), { spec: next.spec, bump: this.bumps.get(spec.node) ?? 0 });
      changed.push(spec.node);
    }
    return changed;
  }

  /** Computes a node and its descendants again, as after its script was saved: the fingerprint decides. */
  touch(node: string): void {
    const bump = (this.bumps.get(node) ?? 0) + 1;
    this.bumps.set(node, bump);
    const spec = this.model.spec(node).spec;
    this.specVars.get(node)?.define(specVar(node), { spec, bump });
  }

  /** Resolves when every node has a result for the current model. */
  async settled(): Promise<ReadonlyMap<string, NodeRecord>> {
    for (const { spec } of this.order) await this.module.value(nodeVar(spec.node));
    return this.latest;
  }

  /** The nodes that compute again after `changed` did: those and every node below them (wires included), in run order. */
  affectedBy(changed: readonly string[]): string[] {
    const reached = new Set(changed);
    for (const { spec, parents } of this.order) if (parents.some((p) => reached.has(p))) reached.add(spec.node);
    return this.order.map((o) => o.spec.node).filter((n) => reached.has(n));
  }

  /** The session's own folder under `<workspace>/runs/`. */
  get folder(): string {
    return this.sessionDir;
  }

  /**
   * Stops whatever runs (its processes killed) and ends the session once the stopped nodes are gone:
   * until then they may still read results the store keeps in its trash.
   */
  async dispose(): Promise<void> {
    this.runtime.dispose();
    await Promise.allSettled(this.inFlight);
    await stopWarmPool(this.ctx.warm);
    await stopLauncher(this.ctx.launcher);
    this.ctx.store.endRun(this.sessionDir);
    this.ctx.store.saveMemo();
    this.ctx.preload?.save();
  }

  private define(): void {
    this.ctx.store.beginRunAt(this.sessionDir);
    for (const { spec, parents } of this.order) {
      this.specText.set(spec.node, JSON.stringify(spec));
      this.specVars.set(spec.node, this.module.variable().define(specVar(spec.node), { spec, bump: 0 }));
      const inputs = [specVar(spec.node), "invalidation", ...parents.map(nodeVar)];
      // Observed, so the runtime computes it without anyone asking for its value.
      this.module.variable({}).define(nodeVar(spec.node), inputs, ((current: { spec: ScriptSpec }, invalidation: Promise<void>, ...results: NodeRecord[]) =>
        this.compute(current.spec, parents, results, invalidation)) as (...inputs: never[]) => unknown);
    }
  }

  private async compute(spec: ScriptSpec, parentNames: readonly string[], results: readonly NodeRecord[], invalidation: Promise<void>): Promise<NodeRecord> {
    const controller = new AbortController();
    void invalidation.then(() => controller.abort());
    const runDir = join(this.sessionDir, String(++this.attempts));
    const parents = new Map(parentNames.map((p, i) => [p, results[i]!] as const));
    const task = this.limit(() => runNode(spec, parents, { ...this.ctx, runId: this.sessionId, runDir, signal: controller.signal }));
    this.inFlight.add(task);
    const record = await task.finally(() => this.inFlight.delete(task));
    if (!controller.signal.aborted) {
      this.latest.set(spec.node, record);
      this.ctx.observer({ type: "node-finished", node: spec.node, record });
    }
    return record;
  }
}
