import { resolve } from "node:path";
import { buildCatalog, lookupEnvRule, lookupStep, type StepCatalog } from "../catalog/step-catalog.js";
import { sourceStepTypes } from "../catalog/source-step-types.js";
import { loadConfig } from "../config/load-config.js";
import type { PipelineConfig } from "../config/pipeline-config.js";
import type { Dag } from "../dag/dag.js";
import { loadDag } from "../dag/parse-dag.js";
import { discover } from "../discovery/discover.js";
import type { Discovery, NodeDiscovery } from "../discovery/node-discovery.js";
import { ProblemsError } from "../errors.js";
import * as msg from "../messages.js";
import { deriveRequirements, type RequirementsWarning, type ScriptRequirements } from "../specs/requirements.js";
import { scriptParents, type NodeRole } from "../wiring/script-edges.js";
import { wireEdges, type Wiring, type WiringNode } from "../wiring/wire-edges.js";
import { ancestors, resolveExplicitWires, type WireEnds, type WireRequest } from "./explicit-wires.js";
import { generatedInputDir } from "./generated-inputs.js";
import { loadLocalSettings, settingsBesideDag, type LocalSettings } from "./local-settings.js";
import { DEFAULT_WORKSPACE, type ModelOptions, type WiringWarning } from "./model-options.js";

/** What every version of a pipeline model shares: everything derived from the files, before any override. */
export interface PipelineBase {
  readonly dag: Dag;
  /** Undefined in DAG-only mode: discovery then works from node names and the catalog, and nothing can run. */
  readonly config: PipelineConfig | undefined;
  readonly catalog: StepCatalog;
  readonly discovery: Discovery;
  readonly byName: ReadonlyMap<string, NodeDiscovery>;
  readonly workspace: string;
  readonly python: string;
  /** The `cursus-lab.json` applied, if any. */
  readonly settings: LocalSettings | undefined;
  readonly requirements: ReadonlyMap<string, ScriptRequirements>;
  /**
   * Requirements of nodes that cannot run here but whose needs are known: the script file is missing, or
   * (DAG-only) the config. They answer `requirements` and `plan`, and take no part in wiring.
   */
  readonly answersOnly: ReadonlyMap<string, ScriptRequirements>;
  /** The wiring with the answers-only nodes taking part, for their specs alone; the same as `wiring` when there are none. */
  readonly answersWiring: Wiring;
  /** The wires with what was considered for each input, the ties, and the edges that feed nothing. */
  readonly wiring: Wiring;
  readonly warnings: readonly WiringWarning[];
}

/** Reads and checks the files once; the model's versions differ only in their overrides. */
export function loadPipelineBase(options: ModelOptions, defaultPython: () => string): PipelineBase {
  const dag = loadDag(options.dag);
  const config = options.config === undefined ? undefined : loadConfig(options.config);
  const settingsFile = options.settings ?? (typeof options.dag === "string" ? settingsBesideDag(options.dag) : undefined);
  const settings = settingsFile === undefined || settingsFile === false ? undefined : loadLocalSettings(settingsFile);
  const catalog = buildCatalog([...(settings?.interfacesDirs ?? []), ...(options.interfacesDirs ?? [])]);
  const workspace = resolve(options.workspace ?? DEFAULT_WORKSPACE);
  const projectRoot = resolve(options.projectRoot ?? config?.baseDir ?? ".");
  const discovery = discover(dag, config, catalog, {
    projectRoot,
    scriptsDirs: [...(options.scriptsDirs ?? []), ...(settings?.scriptsDirs ?? [])],
    caller: options.caller ?? "api",
  });
  const byName = new Map(discovery.nodes.map((n) => [n.name, n]));
  const requirements = new Map<string, ScriptRequirements>();
  const answersOnly = new Map<string, ScriptRequirements>();
  for (const node of discovery.nodes) {
    const derived = requirementsOf(node, config, catalog, workspace, projectRoot);
    if (derived === undefined) continue;
    (node.status === "script" ? requirements : answersOnly).set(node.name, derived);
  }
  const explicit = [settings?.wires ?? [], options.wires ?? []] as const;
  const wiring = computeWiring({ dag, catalog, byName, requirements }, (n) => byName.get(n)!.status, ...explicit);
  // As if the missing scripts were here, so a node's answers say where its data would come from; a run never uses these wires.
  const answersWiring =
    answersOnly.size === 0
      ? wiring
      : computeWiring({ dag, catalog, byName, requirements: new Map([...requirements, ...answersOnly]) }, (n) => (answersOnly.has(n) ? "script" : byName.get(n)!.status), ...explicit);
  // Made when first read: below a chain of phantoms most edges feed nothing, and millions of sentences
  // would be written for a run or an answer that never shows them.
  let warnings: readonly WiringWarning[] | undefined;
  return {
    dag, config, catalog, discovery, byName, workspace, python: options.python ?? settings?.python ?? defaultPython(), settings, requirements, answersOnly, wiring, answersWiring,
    get warnings(): readonly WiringWarning[] {
      return (warnings ??= wiring.unusedEdges.map((e): WiringWarning => ({ code: "UNUSED_EDGE", from: e.from, to: e.to, message: msg.unusedEdge(e.from, e.to) })));
    },
  };
}

/**
 * What a node needs, from its config and interface, never from the script file: a script node's, and
 * also a node whose script is not on this machine or (DAG-only) whose config is not given, with a
 * warning that says so. Phantoms and nodes without a config block have none.
 */
function requirementsOf(node: NodeDiscovery, config: PipelineConfig | undefined, catalog: StepCatalog, workspace: string, projectRoot: string): ScriptRequirements | undefined {
  const contract = lookupStep(catalog, node.stepType)?.stepInterface.contract;
  if (node.status === "unverified") {
    if (contract === undefined) return undefined;
    return deriveRequirements({ name: node.name, stepType: node.stepType, scriptPath: "" }, {}, contract, workspace, undefined, generatedInputDir(workspace), [{ code: "NO_CONFIG", message: msg.unverifiedRequirementsWarning(node.name) }]);
  }
  const missingScript = node.status === "error" && node.reasonCode === "script-not-found";
  if ((node.status !== "script" && !missingScript) || config === undefined || node.configKey === undefined) return undefined;
  const step = config.steps.get(node.configKey);
  if (step === undefined) return undefined;
  const scriptPath = node.status === "script" ? node.scriptPath : (node.pathsTried?.[0] ?? "");
  const tried = node.pathsTried ?? [];
  const warnings: RequirementsWarning[] = node.status === "script" ? [] : [{ code: "SCRIPT_NOT_FOUND", message: msg.scriptMissingWarning(node.name, node.entryPoint ?? "", tried), pathsTried: tried }];
  return deriveRequirements({ name: node.name, stepType: node.stepType, scriptPath }, step.effective, contract, workspace, lookupEnvRule(catalog, step.className), generatedInputDir(workspace), warnings, projectRoot);
}

type WiringInputs = Pick<PipelineBase, "dag" | "catalog" | "byName" | "requirements">;

/** Wires from the interfaces, with the user's explicit wires (the API's over the settings file's) taking their inputs. */
function computeWiring(base: WiringInputs, roleOf: (node: string) => NodeRole, fromSettings: readonly WireRequest[], fromOptions: readonly WireRequest[]): Wiring {
  const nodes = new Map<string, WiringNode>();
  const ends = new Map<string, WireEnds>();
  for (const [name, req] of base.requirements) {
    const stepInterface = lookupStep(base.catalog, req.stepType)?.stepInterface;
    const inputs = req.inputs.map((i) => i.logicalName);
    const outputs = req.outputs.map((o) => o.logicalName);
    ends.set(name, { inputs, outputs });
    // The step mounts a config-sourced input from its config's path, whatever the dependency resolver found; a wire the user names still wins.
    const matched = req.inputs.some((i) => i.configured !== undefined) ? req.inputs.filter((i) => i.configured === undefined).map((i) => i.logicalName) : inputs;
    nodes.set(name, { name, sourceTypes: sourceStepTypes(req.stepType, base.byName.get(name)?.jobType, stepInterface), inputs: matched, outputs, spec: stepInterface?.spec });
  }
  const ancestorsOf = (node: string): Set<string> => ancestors(base.dag.parents, node);
  const settings = resolveExplicitWires(fromSettings, ends, ancestorsOf);
  const given = resolveExplicitWires(fromOptions, ends, ancestorsOf);
  const problems = [...settings.problems, ...given.problems];
  if (problems.length > 0) throw new ProblemsError("WIRES_INVALID", msg.wiresInvalid(problems.length), problems, msg.wiresInvalidHint());
  const explicit = [...given.wires, ...settings.wires.filter((s) => !given.wires.some((g) => g.node === s.node && g.input === s.input))];
  return wireEdges(nodes, scriptParents(base.dag, roleOf), explicit);
}
