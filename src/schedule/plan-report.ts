import type { Problem } from "../errors.js";
import type { PipelineModel } from "../model/pipeline-model.js";
import type { ScriptSpec } from "../specs/script-spec.js";
import type { OutputRef } from "../wiring/output-ref.js";
import type { PlanDecision, RunPlanRecord } from "./plan-run.js";

/**
 * The plan as CI reads it (`cursus-lab plan --json`, `factory.plan()`). These names are stable:
 * `nodes[].name`, `decision`, `reason`, `env[]`, `args[]`, `inputs[]`, `outputs[]`, `wires[]`,
 * `phantoms[]`, `problems[]`. Every node carries every field (null or [] where it does not apply), so
 * a reader needs no switch on the decision.
 */
export interface PlanReport {
  readonly dag: string;
  /** Null in DAG-only mode. */
  readonly config: string | null;
  /** True when a run of this selection could start: no problem stops it. */
  readonly canRun: boolean;
  readonly nodes: readonly PlanNode[];
  readonly phantoms: readonly { readonly node: string; readonly reason: string }[];
  readonly problems: readonly Problem[];
  readonly warnings: readonly string[];
}

export interface PlanNode {
  readonly name: string;
  readonly stepType: string;
  readonly decision: PlanDecision;
  readonly reason: string;
  readonly fingerprint: string | null;
  readonly entry: "main" | "script" | null;
  readonly scriptPath: string | null;
  readonly env: readonly { readonly name: string; readonly value: string; readonly source: string }[];
  /** `alone`: the flag is passed without a value (a switch); `off`: a switch left out. */
  readonly args: readonly { readonly flag: string; readonly value: string; readonly source: string; readonly alone?: true; readonly off?: true }[];
  readonly inputs: readonly PlanPath[];
  readonly outputs: readonly PlanPath[];
  readonly wires: readonly { readonly input: string; readonly from: OutputRef; readonly kind: string; readonly confidence: number }[];
}

export interface PlanPath {
  readonly logicalName: string;
  readonly path: string;
  readonly source: string;
  readonly required: boolean;
  readonly containerPath: string;
  /** The upstream output a wired input reads. */
  readonly from: OutputRef | null;
}

export function planReport(model: PipelineModel, plan: RunPlanRecord): PlanReport {
  const { base } = model;
  return {
    dag: base.dag.source,
    config: base.config?.source ?? null,
    canRun: plan.problems.length === 0,
    nodes: plan.nodes.map((n): PlanNode => ({
      name: n.name,
      stepType: model.node(n.name).stepType,
      decision: n.decision,
      reason: n.reason,
      fingerprint: n.fingerprint ?? null,
      entry: n.entry ?? null,
      scriptPath: n.spec?.scriptPath || null,
      ...specLists(n.spec),
      wires: n.wires.map((w) => ({ input: w.input, from: { node: w.fromNode, output: w.fromOutput }, kind: w.kind, confidence: w.confidence })),
    })),
    phantoms: plan.phantoms,
    problems: plan.problems,
    warnings: [...base.discovery.warnings, ...base.warnings.map((w) => w.message)],
  };
}

function specLists(spec: ScriptSpec | undefined): Pick<PlanNode, "env" | "args" | "inputs" | "outputs"> {
  if (spec === undefined) return { env: [], args: [], inputs: [], outputs: [] };
  return {
    env: Object.entries(spec.env).map(([name, e]) => ({ name, value: e.value, source: e.source })),
    args: spec.args.map((a) => ({ flag: a.flag, value: a.value, source: a.source, ...(a.alone === undefined ? {} : { alone: a.alone }), ...(a.off === undefined ? {} : { off: a.off }) })),
    inputs: Object.entries(spec.inputs).map(([logicalName, i]) => ({ logicalName, path: i.path, source: i.source, required: i.required, containerPath: i.containerPath, from: i.from ?? null })),
    outputs: Object.entries(spec.outputs).map(([logicalName, o]) => ({ logicalName, path: o.path, source: o.source, required: o.required, containerPath: o.containerPath, from: null })),
  };
}
