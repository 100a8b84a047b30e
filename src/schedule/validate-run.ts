import { existsSync } from "node:fs";
import { noteConsulted } from "../io/consults.js";
import { isWithin } from "../io/is-within.js";
import { selectNodes, type NodeSelection } from "../dag/select-nodes.js";
import { chooseEntry, type EntryRequest } from "../engine/entry-mode.js";
import { checkUserOutput } from "../engine/user-output.js";
import { CursusLabError, type Problem } from "../errors.js";
import * as msg from "../messages.js";
import type { PipelineModel } from "../model/pipeline-model.js";
import { outputRefText } from "../wiring/output-ref.js";
import { scriptParents } from "../wiring/script-edges.js";
import type { PlannedNode } from "./run-once.js";

export interface RunSelection extends NodeSelection {
  /** How scripts are started; default `auto`: the production entry when a mount namespace can be made here. */
  readonly entry?: EntryRequest;
}

export interface ValidatedRun {
  /** Topological order; each node with the script parents inside the selection it waits for. */
  readonly planned: readonly PlannedNode[];
  readonly inRun: ReadonlySet<string>;
  /** Every DAG node the selection (--only/--from/--to) takes, script or not. */
  readonly selected: ReadonlySet<string>;
  readonly entry: EntryRequest;
  /** Everything that would stop the run, all at once; empty when it can start. */
  readonly problems: readonly Problem[];
}

/** What a run of the selection would be, checked before any process starts: discovery, specs, wires, outputs, entry. */
export function validateRun(model: PipelineModel, options: RunSelection): ValidatedRun {
  const { base } = model;
  const selected = selectNodes(base.dag, options);
  const problems: Problem[] = [];
  for (const node of base.discovery.nodes) {
    if (node.status === "error" && selected.has(node.name)) problems.push({ node: node.name, field: "discovery", message: msg.discoveryErrorInRun(node.name, node.reason), fix: node.hint });
    if (node.status === "unverified" && selected.has(node.name)) problems.push({ node: node.name, field: "config", message: msg.discoveryErrorInRun(node.name, msg.runNeedsConfig()), fix: msg.runNeedsConfigHint() });
  }
  const scripts = model.scriptNodes().filter((n) => selected.has(n.name));
  for (const node of scripts) {
    if (node.interfaceFile === undefined) problems.push({ node: node.name, field: "interface", message: msg.noInterfaceInRun(node.name, node.stepType), fix: msg.noInterfaceInRunFix(node.stepType) });
  }
  if (scripts.length === 0 && problems.length === 0) {
    // `--only Registration` should say Registration is a phantom, not only that nothing is left.
    const phantoms = base.discovery.nodes.flatMap((n) => (n.status === "phantom" && selected.has(n.name) ? [{ name: n.name, reason: n.reason }] : []));
    if (phantoms.length > 0) throw new CursusLabError("NOTHING_SELECTED", msg.onlyPhantomsSelected(phantoms), msg.onlyPhantomsSelectedHint(), { at: phantoms[0]!.name });
    throw new CursusLabError("NOTHING_SELECTED", msg.nothingSelected(), msg.nothingSelectedHint());
  }

  const inRun = new Set(scripts.map((s) => s.name));
  const parents = scriptParents(base.dag, (n) => model.node(n).status);
  const planned: PlannedNode[] = [];
  const userOutputs = new Map<string, string>();
  for (const node of scripts) {
    const result = model.spec(node.name);
    if (!result.ok) problems.push(...result.problems);
    for (const [logical, input] of Object.entries(result.spec.inputs)) {
      if (input.from === undefined || inRun.has(input.from.node)) continue;
      noteConsulted(input.path);
      if (!existsSync(input.path)) {
        problems.push({ node: node.name, field: `inputs.${logical}`, message: msg.upstreamNotInRun(node.name, logical, outputRefText(input.from), input.path), fix: msg.upstreamNotInRunFix(input.from.node) });
      }
    }
    for (const [logical, output] of Object.entries(result.spec.outputs)) {
      if (output.source !== "user") continue;
      const check = checkUserOutput(node.name, logical, output.path, base.workspace);
      if (!check.ok) problems.push({ node: node.name, field: `outputs.${logical}`, message: check.message, fix: check.fix });
      const owner = userOutputs.get(output.path);
      if (owner !== undefined) problems.push({ node: node.name, field: `outputs.${logical}`, message: msg.userOutputShared(output.path, owner, outputRefText({ node: node.name, output: logical })), fix: msg.userOutputSharedFix() });
      else userOutputs.set(output.path, outputRefText({ node: node.name, output: logical }));
    }
    for (const [logical, input] of Object.entries(result.spec.inputs)) {
      if ((input.source === "user" || input.source === "config") && isWithin(input.path, base.workspace)) problems.push({ node: node.name, field: `inputs.${logical}`, message: msg.inputHoldsWorkspace(node.name, logical, input.path, base.workspace), fix: msg.inputHoldsWorkspaceFix() });
    }
    // An explicit wire may read a farther ancestor than a parent: it must finish first all the same.
    const wiredFrom = model.wiresOf(node.name).map((w) => w.fromNode);
    const upstream = [...new Set([...(parents.get(node.name) ?? []), ...wiredFrom])];
    planned.push({ spec: result.spec, parents: upstream.filter((p) => inRun.has(p)) });
  }
  const entry = options.entry ?? base.settings?.entry ?? "auto";
  if (entry === "script") {
    for (const { spec } of planned) {
      const choice = chooseEntry(entry, [...Object.values(spec.inputs), ...Object.values(spec.outputs)].map((p) => p.containerPath));
      if (!choice.ok) problems.push({ node: spec.node, field: "entry", message: msg.entryUnavailable(spec.node, choice.why), fix: msg.entryUnavailableFix() });
    }
  }
  return { planned, inRun, selected, entry, problems };
}
