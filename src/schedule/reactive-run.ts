import { availableParallelism } from "node:os";
import { join } from "node:path";
import pLimit, { type LimitFunction } from "p-limit";
import { Runtime, type Module, type Variable } from "@observablehq/runtime";
import { checkPython } from "../engine/check-python.js";
import type { EntryRequest } from "../engine/entry-mode.js";
import type { RunObserver } from "../engine/run-events.js";
import { runNode, type NodeTaskContext } from "../engine/run-node.js";
import { Store } from "../engine/store.js";
import { prepareWorkspace } from "../engine/workspace.js";
import { CursusLabError, ProblemsError } from "../errors.js";
import * as msg from "../messages.js";
import { writeGeneratedInputs } from "../model/generated-inputs.js";
import type { PipelineModel } from "../model/pipeline-model.js";
import type { NodeRecord } from "../results/run-record.js";
import type { ScriptSpec } from "../specs/script-spec.js";
import { HARNESS } from "./execute-run.js";
import { validateRun } from "./validate-run.js";

export interface ReactiveOptions {
  /** Nodes computed at once; default: the number of cores. */
  readonly jobs?: number;
  readonly python?: string;
  readonly entry?: EntryRequest;
  readonly timeoutSeconds?: number;
  readonly logLimitBytes?: number;
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
    if (model.base.config === undefined) throw new CursusLabError("CONFIG_REQUIRED", msg.runNeedsConfig(), msg.runNeedsConfigHint());
    const { planned, problems, entry } = validateRun(model, options.entry === undefined ? {} : { entry: options.entry });
    if (problems.length > 0) throw new ProblemsError("RUN_BLOCKED", msg.runBlocked(problems.length), problems, msg.runBlockedHint());
    const { base } = model;
    prepareWorkspace(base.workspace);
    for (const { spec } of planned) writeGeneratedInputs(model.requirements(spec.node), spec);
    const store = new Store(base.workspace);
    const sessionId = `${new Date().toISOString().replace(/[:.]/g, "-")}-live`;
    const sessionDir = join(base.workspace, "runs", sessionId);
    const ctx = {
      store,
      python: await checkPython(options.python ?? base.python),
      harness: { path: HARNESS, digest: await store.memo.file(HARNESS) },
      entry,
      force: false,
      timeoutMs: options.timeoutSeconds === undefined ? undefined : options.timeoutSeconds * 1000,
      logLimitBytes: options.logLimitBytes ?? 64 * 1024 * 1024,
      observer,
    };
    const run = new ReactiveRun(model, ctx, sessionDir, sessionId, planned, Math.max(1, options.jobs ?? availableParallelism()));
    run.define();
    return run;
  }

  /** The result each node reached last; a node computing again keeps its previous one until it ends. */
  get results(): ReadonlyMap<string, NodeRecord> {
    return this.latest;
  }

  /** Moves to another version of the model: nodes whose spec differs, and their descendants, compute again. */
  update(model: PipelineModel): string[] {
    this.model = model;
    const changed: string[] = [];
    for (const { spec } of this.order) {
      const next = model.spec(spec.node);
      if (!next.ok) throw new ProblemsError("CONFIGURATION_INVALID", msg.configureFailed(spec.node, next.problems.length), next.problems, msg.configureFailedHint());
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

  /** Stops whatever runs (its processes killed) and ends the session. */
  dispose(): void {
    this.runtime.dispose();
    this.ctx.store.endRun(this.sessionDir);
    this.ctx.store.saveMemo();
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
    const record = await this.limit(() => runNode(spec, parents, { ...this.ctx, runId: this.sessionId, runDir, signal: controller.signal }));
    if (!controller.signal.aborted) {
      this.latest.set(spec.node, record);
      this.ctx.observer({ type: "node-finished", node: spec.node, record });
    }
    return record;
  }
}
