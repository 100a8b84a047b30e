import { decideNode, type DecisionContext } from "../engine/decide-node.js";
import { checkPythonMemoised } from "../engine/interpreter-memo.js";
import { sandboxSupportMemoised } from "../engine/sandbox-memo.js";
import type { ParentOutputs } from "../engine/resolve-inputs.js";
import { Store } from "../engine/store.js";
import type { Problem } from "../errors.js";
import * as msg from "../messages.js";
import type { PipelineModel } from "../model/pipeline-model.js";
import type { ScriptSpec } from "../specs/script-spec.js";
import type { Wire } from "../wiring/wire-edges.js";
import type { RunOptions } from "./execute-run.js";
import { HARNESS, prepareRunFolders } from "./prepare-run.js";
import { validateRun, type ValidatedRun } from "./validate-run.js";
import { phantomsOf } from "../results/record-parts.js";

export type PlanDecision = "run" | "reuse" | "blocked";

export interface PlannedNodeDecision {
  readonly name: string;
  readonly decision: PlanDecision;
  readonly reason: string;
  /** The key the node's result would be stored under; unknown while an ancestor still has to run. */
  readonly fingerprint?: string;
  readonly entry?: "main" | "script";
  /** Absent for a node whose needs are unknown (no config block matches it, an unknown step type). */
  readonly spec?: ScriptSpec;
  readonly wires: readonly Wire[];
}

export interface RunPlanRecord {
  readonly nodes: readonly PlannedNodeDecision[];
  readonly phantoms: readonly { node: string; reason: string }[];
  /** What would stop a run; the plan is complete either way. */
  readonly problems: readonly Problem[];
}

/**
 * What a run would do, without starting a script: the same validation and the same fingerprints and
 * store lookups a run makes, folded over the DAG. A node below one that must run is `run` too, since its
 * input is not known yet; a node below a blocked one is `blocked`.
 */
export async function planRun(model: PipelineModel, options: RunOptions = {}): Promise<RunPlanRecord> {
  const { base } = model;
  const validated = validateRun(model, options);
  // As a run does: the files it writes from the config are inputs whose digests decide.
  prepareRunFolders(model, validated.planned);
  if (validated.entry !== "main") sandboxSupportMemoised(base.workspace);
  const store = new Store(base.workspace);
  // Nothing to fingerprint (DAG-only mode, everything blocked by discovery): no interpreter is needed to say so.
  const python = validated.planned.length === 0 ? { path: options.python ?? base.python, version: "" } : await checkPythonMemoised(options.python ?? base.python, base.workspace);
  const ctx: DecisionContext = { store, python, harness: { path: HARNESS, digest: await store.memo.file(HARNESS) }, entry: validated.entry, force: options.force ?? false };
  return decidePlan(model, validated, ctx);
}

/** The fold of a plan over the validated nodes, parents first: each node's decision from its parents' and its own fingerprint. */
export async function decidePlan(model: PipelineModel, validated: ValidatedRun, ctx: DecisionContext): Promise<RunPlanRecord> {
  const { base } = model;
  const { planned, problems, selected } = validated;
  const { store } = ctx;
  // Each node's problems, found once: a pipeline with thousands of blocked nodes must not scan them all per node.
  const problemsOf = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = problemsOf.get(p.node);
    if (list === undefined) problemsOf.set(p.node, [p]);
    else list.push(p);
  }
  const reasonOf = (node: string): string => (problemsOf.get(node) ?? []).map((p) => p.message).join("; ");
  const decided = new Map<string, { decision: PlanDecision; outputs?: ParentOutputs }>();
  const nodes: PlannedNodeDecision[] = [];
  for (const { spec, parents } of planned) {
    const wires = model.wiresOf(spec.node);
    const blocker = parents.find((p) => decided.get(p)?.decision === "blocked");
    // Only a parent whose result it reads can change its fingerprint: an input given a path reads that path.
    // Below a parent that runs and that it does not read, a node with no result yet runs, with nothing looked
    // up; one with a result is decided by its own fingerprint, as the run will decide it.
    const reads = readsFrom(spec);
    const running = parents.filter((p) => decided.get(p)?.decision === "run");
    const runner = running.length === 0 ? undefined : (running.find((p) => reads.has(p)) ?? (store.hasLatest(spec.node) ? undefined : running[0]));
    let node: PlannedNodeDecision;
    let outputs: ParentOutputs | undefined;
    if (problemsOf.has(spec.node)) node = { name: spec.node, decision: "blocked", reason: reasonOf(spec.node), spec, wires };
    else if (blocker !== undefined) node = { name: spec.node, decision: "blocked", reason: msg.planAncestorBlocked(blocker), spec, wires };
    else if (runner !== undefined) node = { name: spec.node, decision: "run", reason: msg.planAncestorRuns(runner), spec, wires };
    else {
      const parentOutputs = new Map(parents.flatMap((p) => (reads.has(p) ? [[p, decided.get(p)!.outputs!] as const] : [])));
      const d = await decideNode(spec, parentOutputs, ctx);
      node = { name: spec.node, decision: d.found.kind === "valid" ? "reuse" : "run", reason: d.reason, fingerprint: d.fingerprint, entry: d.entry, spec, wires };
      if (d.found.kind === "valid") {
        // What the children of a reused node will read: the stored result, by its digests.
        const stored = d.found.entry;
        const dir = store.entryDir(d.fingerprint);
        outputs = { outputs: Object.keys(spec.outputs).map((o) => ({ logicalName: o, path: store.outputDir(dir, o), ...(stored.outputDigests[o] === undefined ? {} : { digest: stored.outputDigests[o] }) })) };
      }
    }
    decided.set(spec.node, { decision: node.decision, ...(outputs === undefined ? {} : { outputs }) });
    nodes.push(node);
  }
  // Nodes discovery could not make runnable are blocked; their needs are shown when config and interface give them.
  for (const n of base.discovery.nodes) {
    if ((n.status !== "error" && n.status !== "unverified") || !selected.has(n.name)) continue;
    const spec = base.answersOnly.has(n.name) ? model.spec(n.name).spec : undefined;
    const reason = reasonOf(n.name);
    const wires = model.wiresOf(n.name);
    nodes.push({ name: n.name, decision: "blocked", reason, ...(spec === undefined ? {} : { spec }), wires });
  }
  const rank = new Map(base.dag.order.map((name, i) => [name, i]));
  nodes.sort((a, b) => rank.get(a.name)! - rank.get(b.name)!);
  return {
    nodes,
    phantoms: phantomsOf(model),
    problems,
  };
}

/** The nodes whose outputs the node's inputs read. */
function readsFrom(spec: ScriptSpec): Set<string> {
  const nodes = new Set<string>();
  for (const input of Object.values(spec.inputs)) if (input.source === "upstream" && input.from !== undefined) nodes.add(input.from.node);
  return nodes;
}
